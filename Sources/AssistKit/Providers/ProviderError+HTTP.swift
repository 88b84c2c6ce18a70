package import Foundation
package import HTTP

extension ProviderError {
  /// Classifies an HTTP error response the way both OpenAI-style and Anthropic servers send them
  /// (LiteLLM's `get_error_class`): by status, then by the error body's code and message.
  /// - Parameters:
  ///   - status: The HTTP status (not 2xx).
  ///   - headers: The response headers (`Retry-After`, `retry-after-ms`).
  ///   - body: The response body.
  ///   - now: The current time, for `Retry-After` given as an HTTP date.
  /// - Returns: The classified error; its message is one line of at most 300 characters.
  package static func classify(
    status: Int, headers: [(name: String, value: String)], body: [UInt8], now: Date = Date()
  ) -> ProviderError {
    let (code, message) = errorDetails(body)
    let retryAfter = self.retryAfter(headers, now: now)
    let lowered = (code + " " + message).lowercased()
    let contextMarkers = [
      "context_length_exceeded", "exceed_context_size", "maximum context length",
      "context length", "context window", "prompt is too long", "too many tokens",
    ]
    if [400, 413, 422].contains(status), contextMarkers.contains(where: lowered.contains) {
      return .contextTooLong(message: message)
    }
    switch status {
    case 401, 403: return .auth(status: status, message: message)
    case 429: return .rateLimited(retryAfter: retryAfter, message: message)
    case 408: return .timeout(message: message)
    case 500...: return .server(status: status, retryAfter: retryAfter, message: message)
    default: return .badRequest(status: status, message: message)
    }
  }

  /// The error code and message of an error body: `{"error": {"type"|"code", "message"}}`,
  /// `{"error": "text"}`, `{"message": "text"}`, or the body text itself.
  static func errorDetails(_ body: [UInt8]) -> (code: String, message: String) {
    let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    let error = object?["error"]
    if let error = error as? [String: Any] {
      let code = [error["code"], error["type"]].compactMap { $0.map { "\($0)" } }.joined(
        separator: " ")
      return (code, oneLine((error["message"] as? String) ?? code))
    }
    if let error = error as? String { return ("", oneLine(error)) }
    if let message = object?["message"] as? String { return ("", oneLine(message)) }
    let text = String(decoding: body, as: UTF8.self)
    return ("", oneLine(text.isEmpty ? "empty error body" : text))
  }

  /// The server's requested wait: `retry-after-ms`, `Retry-After` seconds, or an HTTP date.
  static func retryAfter(_ headers: [(name: String, value: String)], now: Date) -> Duration? {
    func value(_ name: String) -> String? {
      headers.first { $0.name.lowercased() == name }?.value.trimmingCharacters(in: .whitespaces)
    }
    if let text = value("retry-after-ms"), let millis = Double(text), millis >= 0 {
      return .milliseconds(Int64(millis))
    }
    guard let text = value("retry-after") else { return nil }
    if let seconds = Double(text), seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
    let format = DateFormatter()
    format.locale = Locale(identifier: "en_US_POSIX")
    format.timeZone = TimeZone(identifier: "GMT")
    format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = format.date(from: text) else { return nil }
    return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
  }

  /// `text` on one line, at most 300 characters.
  static func oneLine(_ text: String) -> String {
    let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
      .trimmingCharacters(in: .whitespaces)
    return line.count > 300 ? String(line.prefix(297)) + "..." : line
  }

  /// Maps a transport failure to a provider error.
  /// - Parameters:
  ///   - error: What the transport threw.
  ///   - partialText: The reply text received so far, if the reply had begun.
  /// - Returns: `streamInterrupted` once text has arrived, else `timeout`, `unreachable` or
  ///   `invalidRequest`.
  package static func transport(_ error: HTTPError, partialText: String?) -> ProviderError {
    if let partialText, !partialText.isEmpty {
      return .streamInterrupted(partialText: partialText, message: error.description)
    }
    switch error.code {
    case .timedOut: return .timeout(message: error.description)
    case .unsupportedProtocol, .malformedURL: return .invalidRequest(message: error.description)
    default: return .unreachable(message: error.description)
    }
  }
}
