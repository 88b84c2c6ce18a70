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
    /// assist's own: the body exceeded the caller's limit.
    package static let bodyTooLarge = Code(rawValue: -1000)
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

  package var description: String { message }
}
