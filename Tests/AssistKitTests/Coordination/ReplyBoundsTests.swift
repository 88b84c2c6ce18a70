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
}
