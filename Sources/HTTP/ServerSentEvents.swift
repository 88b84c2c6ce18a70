/// One Server-Sent Event: the `event`, `data`, `id` and `retry` fields of one block of lines.
package struct ServerSentEvent: Sendable, Equatable {
  /// The event type; `message` when the block had no `event:` line.
  package var event: String
  /// The `data:` lines joined with `\n`.
  package var data: String
  /// The last event id seen in the stream so far, if any.
  package var id: String?
  /// The reconnection time the server asked for, in milliseconds, if this block set one.
  package var retry: Int?

  /// Creates an event.
  package init(event: String = "message", data: String, id: String? = nil, retry: Int? = nil) {
    self.event = event
    self.data = data
    self.id = id
    self.retry = retry
  }
}

/// An incremental parser from bytes to ``ServerSentEvent``s, as the HTML standard's
/// "event stream interpretation" describes: LF, CR or CRLF line ends (also split across chunks),
/// multi-line `data`, `:` comments, a leading BOM, unknown fields ignored.
///
/// Pure: feed it chunks as they arrive, then call ``finish()`` at the end of the stream.
package struct ServerSentEventParser: Sendable {
  private var line: [UInt8] = []
  private var afterCR = false
  private var atStart = true
  private var start: [UInt8] = []
  private var event = ""
  private var data = ""
  private var hasData = false
  private var lastID: String?
  private var retry: Int?

  /// Creates a parser at the start of a stream.
  package init() {}

  /// Parses the next chunk of the stream.
  /// - Parameter bytes: The chunk, split anywhere (even inside a line ending or a UTF-8 sequence).
  /// - Returns: The events completed by this chunk, in order.
  package mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
    var events: [ServerSentEvent] = []
    for byte in bytes {
      guard atStart else {
        consume(byte, into: &events)
        continue
      }
      start.append(byte)
      let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
      if start.count < bom.count, bom.starts(with: start) { continue }
      atStart = false
      if start != bom {
        for byte in start { consume(byte, into: &events) }
      }
      start = []
    }
    return events
  }

  private mutating func consume(_ byte: UInt8, into events: inout [ServerSentEvent]) {
    switch byte {
    case 0x0A where afterCR:
      afterCR = false
    case 0x0A, 0x0D:
      afterCR = byte == 0x0D
      if let event = endLine() { events.append(event) }
    default:
      afterCR = false
      line.append(byte)
    }
  }

  /// Ends the stream.
  ///
  /// Unlike a browser, which drops an event whose blank line never came, this delivers it: recorded
  /// streams often end that way. Callers that need to know whether the stream ended cleanly look
  /// for their protocol's own final event.
  /// - Returns: The last event, if the stream ended inside one.
  package mutating func finish() -> [ServerSentEvent] {
    var events: [ServerSentEvent] = []
    if atStart {
      atStart = false
      for byte in start { consume(byte, into: &events) }
    }
    if !line.isEmpty, let event = endLine() { events.append(event) }
    if let event = endLine() { events.append(event) }
    return events
  }

  /// Interprets the buffered line; a blank line dispatches the pending event.
  private mutating func endLine() -> ServerSentEvent? {
    defer { line.removeAll(keepingCapacity: true) }
    if line.isEmpty { return dispatch() }
    if line.first == UInt8(ascii: ":") { return nil }
    let field: String
    let value: String
    if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
      field = String(decoding: line[..<colon], as: UTF8.self)
      var start = line.index(after: colon)
      if start < line.endIndex, line[start] == UInt8(ascii: " ") { start += 1 }
      value = String(decoding: line[start...], as: UTF8.self)
    } else {
      field = String(decoding: line, as: UTF8.self)
      value = ""
    }
    switch field {
    case "event": event = value
    case "data":
      if hasData { data += "\n" }
      data += value
      hasData = true
    case "id" where !value.utf8.contains(0): lastID = value
    case "retry" where !value.isEmpty && value.utf8.allSatisfy({ (0x30...0x39).contains($0) }):
      retry = Int(value)
    default: break
    }
    return nil
  }

  private mutating func dispatch() -> ServerSentEvent? {
    defer {
      event = ""
      data = ""
      hasData = false
      retry = nil
    }
    guard hasData else { return nil }
    return ServerSentEvent(
      event: event.isEmpty ? "message" : event, data: data, id: lastID, retry: retry)
  }
}
