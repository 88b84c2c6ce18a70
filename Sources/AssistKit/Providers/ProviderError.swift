/// Why a model call failed, classified so that the router can act: retry, back off, fail over,
/// escalate to a larger context, or give up.
package enum ProviderError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The key is missing, wrong or not allowed (401/403, or its environment variable is unset).
  case auth(status: Int, message: String)
  /// Too many requests (429); wait `retryAfter` if the server said so.
  case rateLimited(retryAfter: Duration?, message: String)
  /// The prompt does not fit the model's context window.
  case contextTooLong(message: String)
  /// The server rejected the request for another reason (other 4xx).
  case badRequest(status: Int, message: String)
  /// The server failed (5xx, or an error event in the stream); `retryAfter` if it said so.
  case server(status: Int, retryAfter: Duration?, message: String)
  /// No reply within the connect, stall or total limit, before any reply text arrived.
  case timeout(message: String)
  /// The endpoint could not be reached or dropped the connection before answering.
  case unreachable(message: String)
  /// The reply was not what the protocol promises (bad JSON, missing fields).
  case malformedReply(message: String)
  /// The stream broke or stalled after the reply began; `partialText` is what had arrived.
  case streamInterrupted(partialText: String, message: String)
  /// assist stopped the reply itself: it passed the call's wall-clock limit or reply cap
  /// (``CallLimits``), or was already malformed for its format; `partialText` is what had arrived.
  case cutOff(partialText: String, reason: String)
  /// Every endpoint is cooling down after repeated failures; the first is free in `remaining`.
  case coolingDown(remaining: Duration)
  /// The request cannot be sent as described (bad URL or schema, no endpoints).
  case invalidRequest(message: String)

  /// Whether trying the same endpoint again may succeed.
  package var isRetryable: Bool {
    switch self {
    case .rateLimited, .server, .timeout, .unreachable: true
    default: false
    }
  }

  /// Whether another endpoint (with another key or server) may succeed where this one failed.
  package var allowsFailover: Bool {
    switch self {
    case .auth, .malformedReply: true
    default: isRetryable
    }
  }

  /// The wait the server asked for, if any.
  package var retryAfter: Duration? {
    switch self {
    case .rateLimited(let retryAfter, _), .server(_, let retryAfter, _): retryAfter
    default: nil
    }
  }

  package var description: String {
    switch self {
    case .auth(let status, let message):
      "authentication failed\(Self.status(status)): \(message)"
    case .rateLimited(let retryAfter, let message):
      "rate limited\(retryAfter.map { " (retry after \($0.secondsDouble)s)" } ?? ""): \(message)"
    case .contextTooLong(let message): "prompt too long for the model's context: \(message)"
    case .badRequest(let status, let message): "request rejected\(Self.status(status)): \(message)"
    case .server(let status, _, let message): "server error\(Self.status(status)): \(message)"
    case .timeout(let message): "model call timed out: \(message)"
    case .unreachable(let message): "endpoint unreachable: \(message)"
    case .malformedReply(let message): "malformed reply: \(message)"
    case .streamInterrupted(let partialText, let message):
      "stream interrupted after \(partialText.count) characters: \(message)"
    case .cutOff(let partialText, let reason):
      "reply cut off after \(partialText.count) characters: \(reason)"
    case .coolingDown(let remaining):
      "every endpoint is cooling down after repeated failures (\(remaining.secondsDouble)s left)"
    case .invalidRequest(let message): "invalid request: \(message)"
    }
  }

  private static func status(_ status: Int) -> String { status > 0 ? " (HTTP \(status))" : "" }

  /// The same error with every occurrence of each secret in its text replaced by `[redacted]`.
  /// - Parameter secrets: Strings that must never appear (API keys); empty ones are ignored.
  /// - Returns: The redacted error.
  package func redacting(_ secrets: [String]) -> ProviderError {
    let secrets = secrets.filter { $0.count >= 4 }
    guard !secrets.isEmpty else { return self }
    func clean(_ text: String) -> String {
      secrets.reduce(text) { $0.replacing($1, with: "[redacted]") }
    }
    switch self {
    case .auth(let status, let message): return .auth(status: status, message: clean(message))
    case .rateLimited(let retryAfter, let message):
      return .rateLimited(retryAfter: retryAfter, message: clean(message))
    case .contextTooLong(let message): return .contextTooLong(message: clean(message))
    case .badRequest(let status, let message):
      return .badRequest(status: status, message: clean(message))
    case .server(let status, let retryAfter, let message):
      return .server(status: status, retryAfter: retryAfter, message: clean(message))
    case .timeout(let message): return .timeout(message: clean(message))
    case .unreachable(let message): return .unreachable(message: clean(message))
    case .malformedReply(let message): return .malformedReply(message: clean(message))
    case .streamInterrupted(let partialText, let message):
      return .streamInterrupted(partialText: clean(partialText), message: clean(message))
    case .cutOff(let partialText, let reason):
      return .cutOff(partialText: clean(partialText), reason: clean(reason))
    case .coolingDown: return self
    case .invalidRequest(let message): return .invalidRequest(message: clean(message))
    }
  }
}
