/// An HTTP request as a value: what to send and how long to wait for it.
package struct HTTPRequest: Sendable, Equatable {
  /// The method, e.g. `GET` or `POST`.
  package var method: String
  /// The absolute URL.
  package var url: String
  /// Header fields in order; names are case-insensitive.
  package var headers: [(name: String, value: String)]
  /// The body, if any.
  package var body: [UInt8]?
  /// Time limits for this request.
  package var timeouts: HTTPTimeouts

  /// Creates a request.
  package init(
    method: String = "GET", url: String, headers: [(name: String, value: String)] = [],
    body: [UInt8]? = nil, timeouts: HTTPTimeouts = .init()
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.timeouts = timeouts
  }

  package static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
    lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
      && lhs.timeouts == rhs.timeouts
      && lhs.headers.map { "\($0.name)\u{0}\($0.value)" }
        == rhs.headers.map { "\($0.name)\u{0}\($0.value)" }
  }
}

/// Time limits for one transfer. `nil` means no limit of that kind.
package struct HTTPTimeouts: Sendable, Equatable {
  /// Limit on establishing the connection.
  package var connect: Duration?
  /// Limit on a silence: no byte received for this long aborts the transfer.
  package var stall: Duration?
  /// Limit on the whole transfer, headers to last byte.
  package var total: Duration?

  /// Creates time limits; the defaults suit a streaming model call.
  package init(
    connect: Duration? = .seconds(10), stall: Duration? = .seconds(120), total: Duration? = nil
  ) {
    self.connect = connect
    self.stall = stall
    self.total = total
  }
}
