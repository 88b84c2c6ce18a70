/// The one seam between AssistKit and the network: a live curl implementation and test fakes.
package protocol HTTPTransport: Sendable {
  /// Starts `request` and returns once the status line and headers have arrived.
  ///
  /// The body streams afterwards through ``HTTPResponse/body``; cancelling the consuming task
  /// stops the transfer.
  /// - Parameter request: What to send.
  /// - Returns: The status, headers and the streaming body.
  /// - Throws: ``HTTPError`` for transport failures only; an HTTP 4xx/5xx is a response.
  func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// A response whose body is still arriving.
package struct HTTPResponse: Sendable {
  /// The HTTP status code.
  package var status: Int
  /// Header fields in order received.
  package var headers: [(name: String, value: String)]
  /// The body, chunk by chunk as the network delivers it; ends with an error if the transfer fails.
  package var body: AsyncThrowingStream<[UInt8], any Error>

  /// Creates a response.
  package init(
    status: Int, headers: [(name: String, value: String)],
    body: AsyncThrowingStream<[UInt8], any Error>
  ) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// The first value of the header `name`, compared case-insensitively.
  package func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  /// Reads the whole body.
  /// - Parameter limit: Refuse bodies larger than this many bytes.
  /// - Returns: The body bytes.
  /// - Throws: What the body stream throws, or ``HTTPError`` if the body exceeds `limit`.
  package func collect(upTo limit: Int = 64 << 20) async throws -> [UInt8] {
    var bytes: [UInt8] = []
    for try await chunk in body {
      bytes += chunk
      if bytes.count > limit {
        throw HTTPError(code: .bodyTooLarge, message: "response body exceeds \(limit) bytes")
      }
    }
    return bytes
  }
}
