import AssistKit
import Testing

/// The formats' early checks: a partial reply already unusable is named, one the parser may still
/// accept never is.
@Suite struct EarlyProblemTests {
  private let whole = WholeFileFormat()

  @Test func aWholeFileBlockWithoutAPathIsAProblemOnlyWhenNoFileIsTheDefault() {
    let partial = "Here it is:\n```python\nclass A:\n    pass\n"
    #expect(
      whole.earlyProblem(partial: partial, defaultPath: nil)?.contains("no file path") == true)
    #expect(whole.earlyProblem(partial: partial, defaultPath: "a.py") == nil)
  }

  @Test func aWholeFileReplyWithItsPathIsNeverAProblem() {
    let partial = "a.py\n```python\nclass A:\n    pass\n"
    #expect(whole.earlyProblem(partial: partial, defaultPath: nil) == nil)
  }

  @Test func aFencedPathLineFollowedByTheFileIsWaitedFor() throws {
    // Small models fence the path itself; the parser joins it to the next block.
    let partial = "```\na.py\n``"
    #expect(whole.earlyProblem(partial: partial, defaultPath: nil) == nil)
    let reply = "```\na.py\n```\n```python\nx = 1\n```\n"
    #expect(try whole.parse(reply: reply).first?.path == "a.py")
    #expect(whole.earlyProblem(partial: "```\na.py\n```\n", defaultPath: nil) == nil)
  }

  private func functionFormat() throws -> FunctionFormat {
    let content = "class Inventory:\n    def count(self, name):\n        return 0\n"
    let extent = try #require(SymbolExtent.find("count", in: content, path: "inventory.py"))
    return FunctionFormat(path: "inventory.py", extent: extent, content: content)
  }

  @Test func aFunctionReplyThatStartsWithSomethingElseIsAProblem() throws {
    let format = try functionFormat()
    let partial = "```python\nprint('hello')\nx = 2\n"
    #expect(format.earlyProblem(partial: partial, defaultPath: nil)?.contains("`count`") == true)
  }

  @Test func aFunctionReplyWithItsSignatureOrItsClassFirstIsNotAProblem() throws {
    let format = try functionFormat()
    for partial in [
      "```python\n    def count(self, name):\n        return 1\n",
      "```python\n@staticmethod\n# counts\ndef count(self, name):\n",
      "```python\nclass Inventory:\n    def count(self, name):\n",
      "```python\nprint('he",
    ] {
      #expect(format.earlyProblem(partial: partial, defaultPath: nil) == nil, "\(partial)")
    }
  }
}
