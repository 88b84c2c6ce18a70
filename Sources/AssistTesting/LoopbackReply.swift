/// What a ``LoopbackServer`` does on one connection after it has read the request: a script of
/// raw writes, pauses, a hang or a close, so that tests can produce any server fault on demand.
package struct LoopbackReply: Sendable {
  /// One scripted action.
  package enum Step: Sendable {
    /// Write these bytes as they are.
    case send([UInt8])
    /// Wait this long before the next step.
    case pause(Duration)
    /// Send nothing more and keep the connection open until the client closes it.
    case hang
    /// Close the connection now (a break, if the reply was not finished).
    case close
  }

  /// How a streamed reply ends.
  package enum Ending: Sendable {
    /// With the final empty chunk, then a close: a complete response.
    case complete
    /// With silence on an open connection (a stall mid-stream).
    case hang
    /// With a close before the final chunk (a connection broken mid-stream).
    case close
  }

  /// The actions, in order; the connection is closed after the last one.
  package var steps: [Step]

  /// Creates a reply from raw steps.
  /// - Parameter steps: The actions, in order.
  package init(steps: [Step]) {
    self.steps = steps
  }

  /// A server that accepts the connection, reads the request and never answers.
  package static let hangBeforeHeaders = LoopbackReply(steps: [.hang])

  /// A whole response with a `Content-Length`.
  /// - Parameters:
  ///   - status: The status code.
  ///   - headers: Extra header fields.
  ///   - body: The body.
  /// - Returns: The reply.
  package static func response(
    status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []
  ) -> LoopbackReply {
    let head = self.head(
      status: status, headers: headers + [(name: "Content-Length", value: "\(body.count)")])
    return LoopbackReply(steps: [.send(head + body)])
  }

  /// A JSON response with a `Content-Length`.
  /// - Parameters:
  ///   - status: The status code.
  ///   - headers: Extra header fields.
  ///   - json: The body text.
  /// - Returns: The reply.
  package static func json(
    status: Int = 200, headers: [(name: String, value: String)] = [], _ json: String
  ) -> LoopbackReply {
    response(
      status: status, headers: [(name: "Content-Type", value: "application/json")] + headers,
      body: Array(json.utf8))
  }

  /// A chunked `text/event-stream` response, one HTTP chunk per element of `chunks`.
  /// - Parameters:
  ///   - chunks: The body, already split where the network should split it.
  ///   - delay: A pause before each chunk.
  ///   - ending: Whether the stream completes, stalls or breaks after the last chunk.
  /// - Returns: The reply.
  package static func stream(
    _ chunks: [[UInt8]], delay: Duration = .zero, ending: Ending = .complete
  ) -> LoopbackReply {
    let head = self.head(
      status: 200,
      headers: [
        (name: "Content-Type", value: "text/event-stream"),
        (name: "Transfer-Encoding", value: "chunked"),
      ])
    var steps: [Step] = [.send(head)]
    for chunk in chunks where !chunk.isEmpty {
      if delay > .zero { steps.append(.pause(delay)) }
      steps.append(
        .send(Array(String(chunk.count, radix: 16).utf8) + [13, 10] + chunk + [13, 10]))
    }
    switch ending {
    case .complete: steps.append(.send(Array("0\r\n\r\n".utf8)))
    case .hang: steps.append(.hang)
    case .close: steps.append(.close)
    }
    return LoopbackReply(steps: steps)
  }

  /// Splits `bytes` into pieces of `size` bytes (the last may be shorter).
  /// - Parameters:
  ///   - bytes: The whole body.
  ///   - size: The piece size, at least 1.
  /// - Returns: The pieces.
  package static func split(_ bytes: [UInt8], every size: Int) -> [[UInt8]] {
    stride(from: 0, to: bytes.count, by: max(1, size)).map {
      Array(bytes[$0..<min($0 + max(1, size), bytes.count)])
    }
  }

  private static func head(status: Int, headers: [(name: String, value: String)]) -> [UInt8] {
    var text = "HTTP/1.1 \(status) \(reason(status))\r\nConnection: close\r\n"
    for header in headers { text += "\(header.name): \(header.value)\r\n" }
    return Array((text + "\r\n").utf8)
  }

  private static func reason(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 404: "Not Found"
    case 429: "Too Many Requests"
    case 500: "Internal Server Error"
    case 503: "Service Unavailable"
    default: "Status"
    }
  }
}
