import HTTP
import Testing

@Suite struct ServerSentEventsTests {
  private func parse(_ text: String, splitEvery size: Int? = nil) -> [ServerSentEvent] {
    var parser = ServerSentEventParser()
    let bytes = Array(text.utf8)
    var events: [ServerSentEvent] = []
    if let size {
      for start in stride(from: 0, to: bytes.count, by: size) {
        events += parser.feed(bytes[start..<min(start + size, bytes.count)])
      }
    } else {
      events += parser.feed(bytes)
    }
    return events + parser.finish()
  }

  @Test func parsesEventTypeDataAndID() {
    let events = parse("event: delta\nid: 7\ndata: {\"a\":1}\n\ndata: plain\n\n")
    #expect(
      events == [
        ServerSentEvent(event: "delta", data: "{\"a\":1}", id: "7"),
        ServerSentEvent(data: "plain", id: "7"),
      ])
  }

  @Test func joinsMultiLineDataWithNewlines() {
    #expect(parse("data: one\ndata:two\ndata:  three\n\n") == [.init(data: "one\ntwo\n three")])
  }

  @Test func ignoresCommentsAndUnknownFieldsAndEmptyBlocks() {
    let events = parse(": keep-alive\n\nfoo: bar\nevent: ping\n\ndata: x\n\n")
    #expect(events == [ServerSentEvent(data: "x")])
  }

  @Test(arguments: ["\r\n", "\r", "\n"])
  func acceptsEveryLineEnding(_ end: String) {
    let text = "event: a\(end)data: 1\(end)\(end)data: 2\(end)\(end)"
    #expect(parse(text) == [.init(event: "a", data: "1"), .init(data: "2")])
  }

  @Test(arguments: [1, 2, 3, 7])
  func givesTheSameEventsHoweverTheBytesAreSplit(_ size: Int) {
    let text = "\u{FEFF}event: é\r\ndata: ünï\r\ndata: 😀\r\n\r\nretry: 1500\r\ndata: z\r\n\r\n"
    let whole = parse(text)
    #expect(whole == [.init(event: "é", data: "ünï\n😀"), .init(data: "z", retry: 1500)])
    #expect(parse(text, splitEvery: size) == whole)
  }

  @Test func ignoresAnInvalidRetryValue() {
    #expect(parse("retry: soon\ndata: a\n\n") == [.init(data: "a")])
  }

  @Test func deliversAFinalEventWithoutItsBlankLineAtFinish() {
    var parser = ServerSentEventParser()
    #expect(parser.feed(Array("data: a\n\ndata: b".utf8)) == [.init(data: "a")])
    #expect(parser.finish() == [.init(data: "b")])
  }

  @Test func aFieldWithoutAColonHasAnEmptyValue() {
    #expect(parse("data\n\n") == [.init(data: "")])
  }
}
