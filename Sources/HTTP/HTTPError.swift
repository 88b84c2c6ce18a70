/// A transport failure: the request could not be completed (an HTTP status is never one).
package struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An open set of failure kinds; curl codes map onto these.
  package struct Code: RawRepresentable, Sendable, Hashable {
    package var rawValue: Int32
    package init(rawValue: Int32) { self.rawValue = rawValue }

    /// `CURLE_COULDNT_CONNECT` (7): connection refused or unreachable.
    package static let couldNotConnect = Code(rawValue: 7)
    /// `CURLE_OPERATION_TIMEDOUT` (28): a connect, stall or total limit was hit.
    package static let timedOut = Code(rawValue: 28)
    /// `CURLE_RECV_ERROR` (56) and friends: the peer closed or broke the connection mid-transfer.
    package static let receiveFailed = Code(rawValue: 56)
    /// `CURLE_UNSUPPORTED_PROTOCOL` (1): the URL's scheme is not allowed.
    package static let unsupportedProtocol = Code(rawValue: 1)
    /// `CURLE_URL_MALFORMAT` (3): the URL could not be parsed.
    package static let malformedURL = Code(rawValue: 3)
    /// `CURLE_COULDNT_RESOLVE_HOST` (6): the host name did not resolve.
    package static let couldNotResolveHost = Code(rawValue: 6)
    /// `CURLE_GOT_NOTHING` (52): the server closed the connection without sending anything.
    package static let gotNothing = Code(rawValue: 52)
    /// `CURLE_PARTIAL_FILE` (18): the body ended before its announced length.
    package static let partialBody = Code(rawValue: 18)
    /// assist's own: the body exceeded the caller's limit.
    package static let bodyTooLarge = Code(rawValue: -1000)
    /// assist's own: libcurl could not be set up (out of memory or a broken installation).
    package static let internalFailure = Code(rawValue: -1001)

    /// Whether the peer broke the connection after the transfer started (a stream dying mid-way).
    package var isConnectionBroken: Bool {
      // 55 is CURLE_SEND_ERROR, 92 CURLE_HTTP2_STREAM.
      [Self.receiveFailed, .gotNothing, .partialBody, Code(rawValue: 55), Code(rawValue: 92)]
        .contains(self)
    }
  }

  /// What went wrong.
  package var code: Code
  /// curl's message (from `CURLOPT_ERRORBUFFER`) or assist's.
  package var message: String

  /// Creates an error.
  package init(code: Code, message: String) {
    self.code = code
    self.message = message
  }

  /// One line: the curl code and its message, e.g. `curl error 7: failed to connect …`.
  package var description: String {
    let text = message.prefix(1).lowercased() + message.dropFirst()
    return rawCodeLabel + ": " + text.split(whereSeparator: \.isNewline).joined(separator: " ")
  }

  private var rawCodeLabel: String {
    code.rawValue >= 0 ? "curl error \(code.rawValue)" : "http error"
  }
}
