import Foundation

/// Descriptions of a request never show credentials: header values that carry keys are replaced
/// by `[redacted]` in `description`, `debugDescription` and `dump` (via `customMirror`).
extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  /// Header names (lowercased) whose values are secrets.
  package static let secretHeaderNames: Set<String> = [
    "authorization", "proxy-authorization", "x-api-key", "api-key", "cookie",
  ]

  /// The headers with every secret value replaced by `[redacted]`.
  package var redactedHeaders: [(name: String, value: String)] {
    headers.map { header in
      Self.secretHeaderNames.contains(header.name.lowercased())
        ? (name: header.name, value: "[redacted]") : header
    }
  }

  /// One line: method, URL (without any user info) and the redacted header names and values.
  package var description: String {
    let fields = redactedHeaders.map { "\($0.name): \($0.value)" }.joined(separator: ", ")
    let size = body.map { ", \($0.count) body bytes" } ?? ""
    return "\(method) \(Self.redactingUserInfo(url)) [\(fields)]\(size)"
  }

  /// The same as ``description``.
  package var debugDescription: String { description }

  /// A mirror that shows the redacted headers, so that `dump(request)` cannot leak a key.
  package var customMirror: Mirror {
    Mirror(
      self,
      children: [
        "method": method, "url": Self.redactingUserInfo(url),
        "headers": redactedHeaders.map { "\($0.name): \($0.value)" },
        "bodyBytes": body?.count ?? 0, "timeouts": timeouts,
      ])
  }

  /// `url` with any `user:password@` part replaced by `[redacted]@`.
  /// - Parameter url: An absolute URL.
  /// - Returns: The URL, safe to show.
  package static func redactingUserInfo(_ url: String) -> String {
    guard let scheme = url.range(of: "://") else { return url }
    let rest = url[scheme.upperBound...]
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
    guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
    return String(url[..<scheme.upperBound]) + "[redacted]" + String(rest[at...])
  }
}
