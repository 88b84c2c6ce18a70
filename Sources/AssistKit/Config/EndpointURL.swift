/// The check of an endpoint URL at config load, so that a typo fails there with its file and line
/// rather than as "endpoint unreachable" in the middle of a run.
enum EndpointURL {
  /// Why `url` cannot be an endpoint, or `nil` when it can.
  ///
  /// - Parameter url: The URL as the config file writes it.
  /// - Returns: The end of a sentence that starts with "endpoint '<url>'".
  static func problem(_ url: String) -> String? {
    guard let scheme = ["http://", "https://"].first(where: url.hasPrefix) else {
      return "must start with http:// or https://"
    }
    if url.unicodeScalars.contains(where: {
      $0.properties.isWhitespace || $0.properties.generalCategory == .control
    }) {
      return "is not a valid URL: it contains a space or a control character"
    }
    let authority = url.dropFirst(scheme.count).prefix { !"/?#".contains($0) }
    var hostAndPort = authority
    if let at = authority.lastIndex(of: "@") {
      hostAndPort = authority[authority.index(after: at)...]
    }
    let host: Substring
    var port: Substring?
    if hostAndPort.hasPrefix("[") {
      guard let close = hostAndPort.firstIndex(of: "]") else {
        return "is not a valid URL: the IPv6 address has no closing ']'"
      }
      host = hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close]
      let rest = hostAndPort[hostAndPort.index(after: close)...]
      if !rest.isEmpty {
        guard rest.hasPrefix(":") else { return "is not a valid URL: text after the IPv6 address" }
        port = rest.dropFirst()
      }
    } else if let colon = hostAndPort.firstIndex(of: ":") {
      host = hostAndPort[..<colon]
      port = hostAndPort[hostAndPort.index(after: colon)...]
    } else {
      host = hostAndPort
    }
    if host.isEmpty { return "has no host" }
    guard let port else { return nil }
    guard !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      return "is not a valid URL: port '\(port)' is not a number"
    }
    guard let number = Int(port), (1...65535).contains(number) else {
      return "has port \(port), outside 1–65535"
    }
    return nil
  }
}
