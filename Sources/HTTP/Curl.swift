internal import CCurl

/// libcurl's one-time global initialisation, run through a lazy global (thread-safe by
/// `swift_once`) and touched before the first handle is made; never undone.
///
/// The corresponding C function is `curl_global_init`.
let curlGlobalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

/// Converts a duration to whole milliseconds, rounding up so that a limit never becomes zero.
/// - Parameter duration: A non-negative duration.
/// - Returns: Milliseconds, at least 1.
func milliseconds(_ duration: Duration) -> Int {
  let (seconds, attoseconds) = duration.components
  let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
  return max(1, Int(millis))
}

extension HTTPError {
  /// Builds the error for a failed curl call, preferring the handle's error buffer.
  ///
  /// The corresponding C function is `curl_easy_strerror` (used when the buffer is empty).
  /// - Parameters:
  ///   - code: curl's result code.
  ///   - buffer: The `CURLOPT_ERRORBUFFER` text, possibly empty.
  init(curl code: CURLcode, buffer: String) {
    let message = buffer.isEmpty ? String(cString: curl_easy_strerror(code)) : buffer
    self.init(code: Code(rawValue: Int32(bitPattern: code.rawValue)), message: message)
  }
}
