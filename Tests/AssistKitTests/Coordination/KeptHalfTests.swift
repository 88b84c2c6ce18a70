import AssistKit
import AssistTesting
import Foundation
import Synchronization
import Testing

/// A fix that spans two functions, on the coordinator's real loop (real git, real HTTP to a
/// scripted model server, the repository's real tests): when an answer fixes one function and not
/// the other, the fixed one is kept and the next round asks only for the other.
@Suite struct KeptHalfTests {
  typealias Harness = CoordinatorTests.Harness

  static let text = """
    def join_words(words, sep=' '):
        return ' '.join(words)


    def pad_left(text, width, fill=' '):
        return text.rjust(width)

    """
  static let tests = """
    import unittest

    from text import join_words, pad_left


    class TextTests(unittest.TestCase):
        def test_join_words_sep(self):
            self.assertEqual(join_words(['a', 'b'], sep='|'), 'a|b')

        def test_pad_left_fill(self):
            self.assertEqual(pad_left('7', 3, fill='0'), '007')


    if __name__ == "__main__":
        unittest.main()

    """
  static let task =
    "join_words and pad_left in text.py ignore their sep and fill arguments: "
    + "join_words(['a', 'b'], sep='|') gives 'a b' and pad_left('7', 3, fill='0') gives '  7'. "
    + "Please fix join_words and pad_left."

  /// join_words right, pad_left wrong.
  static let half = """
    ```python
    def join_words(words, sep=' '):
        return sep.join(words)
    ```

    ```python
    def pad_left(text, width, fill=' '):
        return text.ljust(width, fill)
    ```

    """
  static let rest = """
    ```python
    def pad_left(text, width, fill=' '):
        return text.rjust(width, fill)
    ```

    """

  /// The task run on text.py with the 0.5B answering `replies` in turn; the 1.5B is never meant
  /// to be asked.
  private func run(replies: [String]) async throws -> (
    report: TaskReport, small: ScriptedModelServer, medium: ScriptedModelServer, log: [String]
  ) {
    let small = try ScriptedModelServer(replies: replies)
    let medium = try ScriptedModelServer(replies: ["unused"])
    let harness = try Harness(
      smallURL: small.url, mediumURL: medium.url,
      files: ["text.py": Self.text, "test_text.py": Self.tests])
    let report = try await harness.run(TaskOptions(task: Self.task, singleAgent: true))
    return (report, small, medium, harness.events.lines.withLock { $0 })
  }

  @Test func theFunctionAnAnswerFixedIsKeptAndTheNextRoundAsksOnlyForTheOther() async throws {
    let (report, small, medium, log) = try await run(replies: [Self.half, Self.rest])

    #expect(report.run.status == .proposed, "\(log)")
    let result = try #require(report.results.first)
    #expect(result.tier == "local-small")
    #expect(result.attempts.map(\.stage) == ["tests", "accepted"])
    #expect(small.requests.count == 2)
    #expect(medium.requests.count == 0)
    #expect(
      log.contains { $0.contains("kept the fix of `join_words`") && $0.contains("`pad_left` only") }
    )
    // The second request asks for pad_left alone and says the other fix is kept.
    let second = String(decoding: small.requests[1].body, as: UTF8.self)
    #expect(second.contains("corrected function `pad_left`"))
    #expect(second.contains("that fix is kept"))
    #expect(!second.contains("return sep.join(words)"))
    // The proposal holds both fixes, in one file change over the base.
    let change = try #require(result.changes.first { $0.path == "text.py" })
    #expect(change.old == Self.text)
    #expect(change.new?.contains("return sep.join(words)") == true)
    #expect(change.new?.contains("return text.rjust(width, fill)") == true)
  }

  @Test func anAnswerThatFixesNeitherFunctionKeepsNothing() async throws {
    let wrong = Self.half.replacingOccurrences(of: "sep.join", with: "'-'.join")
    let (report, small, _, log) = try await run(replies: [wrong, Self.half, Self.rest])

    // The first answer kept nothing; the second kept join_words; the third finished.
    #expect(report.run.status == .proposed, "\(log)")
    #expect(log.filter { $0.contains("kept the fix of") }.count == 1)
    let second = String(decoding: small.requests[1].body, as: UTF8.self)
    #expect(second.contains("(of `join_words`, `pad_left`)"))
  }
}
