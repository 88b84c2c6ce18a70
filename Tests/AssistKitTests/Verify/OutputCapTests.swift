import Testing

@testable import AssistKit

@Suite struct OutputCapTests {
  @Test func shortOutputIsKeptWhole() {
    var cap = OutputCap(limit: 100)
    cap.append(Array("hello\n".utf8))
    cap.append(Array("world\n".utf8))
    #expect(cap.text == "hello\nworld\n")
    #expect(cap.omitted == 0)
  }

  @Test func longOutputKeepsTheHeadAndTheTailAndCountsTheMiddle() {
    var cap = OutputCap(limit: 400)
    for index in 0..<1_000 { cap.append(Array("line \(index)\n".utf8)) }
    let total = (0..<1_000).map { "line \($0)\n".utf8.count }.reduce(0, +)
    #expect(cap.text.hasPrefix("line 0\nline 1\n"))
    #expect(cap.text.hasSuffix("line 998\nline 999\n"))
    #expect(cap.omitted == total - 400)
    #expect(cap.text.contains("[… \(total - 400) bytes of output omitted …]"))
  }

  @Test func aSingleHugeChunkIsSplitBetweenHeadAndTail() {
    var cap = OutputCap(limit: 8)
    cap.append(Array("abcdefghijklmnopqrstuvwxyz".utf8))
    #expect(cap.text.hasPrefix("ab\n"))
    #expect(cap.text.hasSuffix("\nuvwxyz"))
    #expect(cap.omitted == 18)
  }
}
