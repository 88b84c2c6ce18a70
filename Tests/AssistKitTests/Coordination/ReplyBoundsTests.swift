import Testing

@testable import AssistKit

/// A sub-agent call's bounds: the reply cap shrinks to what rewriting the slice can take for
/// formats that rewrite it whole, and the early check is the format's own.
@Suite struct ReplyBoundsTests {
  private let local = Tier(name: "local-small", model: "m", endpoints: ["http://127.0.0.1:1"])

  @Test func aWholeFileReplyMayNotOutgrowItsSliceByMuch() {
    let bounds = ReplyBounds(format: WholeFileFormat(), sliceBytes: 1000, defaultPath: nil)
    let limits = bounds.limits(tier: local, maxTokens: 2048, promptTokens: 500)
    #expect(limits.maxReplyBytes == 2 * 1000 + 4096)
    #expect(limits.maxReplyTokens == 2048 + 32)
    #expect(limits.label == "local-small, whole-file")
  }

  @Test func aSearchReplaceReplyKeepsTheTokenDerivedCap() {
    let bounds = ReplyBounds(format: SearchReplaceFormat(), sliceBytes: 1000, defaultPath: nil)
    let limits = bounds.limits(tier: local, maxTokens: 2048, promptTokens: 500)
    #expect(limits.maxReplyBytes == (2048 + 32) * 16)
  }

  @Test func theEarlyCheckIsTheFormatsWithTheDefaultPath() throws {
    let partial = "```python\nx = 1\ny = 2\n"
    let pathless = ReplyBounds(format: WholeFileFormat(), sliceBytes: 10, defaultPath: nil)
    let refuse = try #require(pathless.check)
    let problem = refuse(partial) ?? ""
    #expect(problem.contains("no file path"))
    let defaulted = ReplyBounds(format: WholeFileFormat(), sliceBytes: 10, defaultPath: "a.py")
    let accept = try #require(defaulted.check)
    let none = accept(partial)
    #expect(none == nil)
    let plain = ReplyBounds(format: nil, sliceBytes: 0, defaultPath: nil)
    #expect(plain.check == nil)
  }

  @Test func aReplyStuckRepeatingABlockIsCutOffAndOrdinaryCodeIsNot() throws {
    let block = [
      "    assert len(p) == 3", "    assert len(p[0].tokens) == 3",
      "    assert p[0].tokens[0].ttype == T.Operator", "    assert p[0].tokens[1].ttype == T.Name",
      "    assert p[0].tokens[2].ttype == T.Name",
    ]
    let head = "```python\ndef test_strip():\n    p = parse('select 1;')\n"
    let stuck = head + Array(repeating: block, count: 5).joined().joined(separator: "\n") + "\n"
    let check = try #require(
      ReplyBounds(format: WholeFileFormat(), sliceBytes: 100, defaultPath: "t.py").check)
    #expect(check(stuck) == "the reply repeats the same 5 line(s) 5 times in a row")
    // Three repeats, or a short run of one line, is code that may well be meant.
    let thrice = head + Array(repeating: block, count: 3).joined().joined(separator: "\n") + "\n"
    #expect(check(thrice) == nil)
    let table = head + Array(repeating: "    0,", count: 12).joined(separator: "\n") + "\n"
    #expect(check(table) == nil)
  }
}
