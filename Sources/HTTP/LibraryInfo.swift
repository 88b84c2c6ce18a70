internal import CCurl

/// Facts about the linked libcurl, for `assist doctor`.
package enum LibCurlInfo {
  /// The runtime version and TLS backend, e.g. `7.88.1 (OpenSSL/3.0.17)`.
  ///
  /// The corresponding C function is `curl_version_info`.
  package static var version: String {
    // CURLVERSION_NOW is a macro Swift cannot import; TENTH is its value in curl 7.77+.
    guard let info = curl_version_info(CURLVERSION_TENTH) else { return "unknown" }
    let version = info.pointee.version.map { String(cString: $0) } ?? "unknown"
    let ssl = info.pointee.ssl_version.map { String(cString: $0) } ?? "no TLS"
    return "\(version) (\(ssl))"
  }
}
