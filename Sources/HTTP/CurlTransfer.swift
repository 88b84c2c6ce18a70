internal import CCurl

/// One transfer on the engine thread: a curl easy handle, the buffers it points into, and the
/// continuations that carry its response and body back to async code.
///
/// Confined to the ``CurlMulti`` thread: created, driven by callbacks and freed there.
final class CurlTransfer {
  /// The easy handle; freed in `deinit`.
  let easy: UnsafeMutableRawPointer
  /// The flag other threads use to cancel this transfer.
  let control: TransferControl
  private var headerList: UnsafeMutablePointer<curl_slist>?
  private let errorBuffer: UnsafeMutablePointer<CChar>
  private let requestBody: UnsafeMutableBufferPointer<UInt8>?
  private var response: CheckedContinuation<HTTPResponse, any Error>?
  private var body: AsyncThrowingStream<[UInt8], any Error>.Continuation?
  private var status = 0
  private var headers: [(name: String, value: String)] = []
  private let stallLimit: Duration?
  private var lastActivity = ContinuousClock.now

  /// Creates and configures the easy handle for `pending`.
  ///
  /// The corresponding C functions are `curl_easy_init` and `curl_easy_setopt`.
  /// - Parameters:
  ///   - pending: The request, its continuation and its cancel flag.
  ///   - allowFileURLs: Whether `file://` is allowed besides `http` and `https`.
  /// - Throws: ``HTTPError`` if curl rejects an option (for example an unsupported scheme).
  init(_ pending: PendingTransfer, allowFileURLs: Bool) throws(HTTPError) {
    guard let easy = curl_easy_init() else {
      throw HTTPError(code: .internalFailure, message: "curl_easy_init failed")
    }
    self.easy = easy
    self.control = pending.control
    self.response = pending.continuation
    self.stallLimit = pending.request.timeouts.stall
    errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    if let bytes = pending.request.body {
      let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
      _ = buffer.initialize(from: bytes)
      requestBody = buffer
    } else {
      requestBody = nil
    }
    try configure(pending.request, allowFileURLs: allowFileURLs)
  }

  deinit {
    curl_easy_cleanup(easy)
    curl_slist_free_all(headerList)
    errorBuffer.deallocate()
    requestBody?.deallocate()
  }

  private func set(_ option: CURLoption, _ value: Int) throws(HTTPError) {
    try check(CCurl_easy_setopt_long(easy, option, value))
  }

  private func set(_ option: CURLoption, _ value: String) throws(HTTPError) {
    try check(CCurl_easy_setopt_string(easy, option, value))
  }

  private func check(_ code: CURLcode) throws(HTTPError) {
    guard code == CURLE_OK else {
      throw HTTPError(curl: code, buffer: String(cString: errorBuffer))
    }
  }

  private func configure(_ request: HTTPRequest, allowFileURLs: Bool) throws(HTTPError) {
    let context = Unmanaged.passUnretained(self).toOpaque()
    try check(CCurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
    try set(CURLOPT_NOSIGNAL, 1)
    try check(CCurl_easy_close_sockets_on_exec(easy))
    try set(CURLOPT_PROTOCOLS_STR, allowFileURLs ? "http,https,file" : "http,https")
    try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
    try set(CURLOPT_URL, request.url)
    try configureMethod(request)
    var list: UnsafeMutablePointer<curl_slist>? = nil
    for header in request.headers {
      list = curl_slist_append(list, "\(header.name): \(header.value)")
    }
    // No `Expect: 100-continue` round trip before large bodies.
    list = curl_slist_append(list, "Expect:")
    headerList = list
    try check(CCurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list))
    try configureTimeouts(request.timeouts)
    try check(CCurl_easy_setopt_write_function(easy, CURLOPT_WRITEFUNCTION, onBody))
    try check(CCurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
    try check(CCurl_easy_setopt_write_function(easy, CURLOPT_HEADERFUNCTION, onHeader))
    try check(CCurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context))
  }

  private func configureMethod(_ request: HTTPRequest) throws(HTTPError) {
    let method = request.method.uppercased()
    if let requestBody {
      try set(CURLOPT_POST, 1)
      try set(CURLOPT_POSTFIELDSIZE, request.body?.count ?? 0)
      try check(CCurl_easy_setopt_pointer(easy, CURLOPT_POSTFIELDS, requestBody.baseAddress))
    }
    switch method {
    case "GET" where requestBody == nil: break
    case "POST" where requestBody != nil: break
    case "HEAD": try set(CURLOPT_NOBODY, 1)
    default: try set(CURLOPT_CUSTOMREQUEST, method)
    }
  }

  private func configureTimeouts(_ timeouts: HTTPTimeouts) throws(HTTPError) {
    if let connect = timeouts.connect {
      try set(CURLOPT_CONNECTTIMEOUT_MS, milliseconds(connect))
    }
    if let total = timeouts.total {
      try set(CURLOPT_TIMEOUT_MS, milliseconds(total))
    }
    // The stall limit is enforced by the engine (``stallDeadline``): curl's own
    // CURLOPT_LOW_SPEED_TIME counts whole seconds over a moving average and fires seconds late.
  }

  /// When this transfer counts as stalled if nothing arrives before; `nil` without a stall limit.
  var stallDeadline: ContinuousClock.Instant? {
    stallLimit.map { lastActivity + $0 }
  }

  /// Ends the transfer as stalled.
  func failStalled() {
    let limit = stallLimit.map { milliseconds($0) } ?? 0
    finish(throwing: HTTPError(code: .timedOut, message: "no data received for \(limit) ms"))
  }

  /// Handles one header line; the blank line after a final (non-1xx) status delivers the response.
  fileprivate func received(headerLine bytes: UnsafeRawBufferPointer) -> Int {
    lastActivity = .now
    let line = String(decoding: bytes, as: UTF8.self)
    let trimmed = line.trimmingWhitespace()
    if line.hasPrefix("HTTP/") {
      let parts = trimmed.split(separator: " ", maxSplits: 2)
      status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
      headers = []
    } else if trimmed.isEmpty {
      if !(100..<200).contains(status) { deliverResponse() }
    } else if let colon = trimmed.firstIndex(of: ":") {
      let name = String(trimmed[..<colon])
      let value = String(trimmed[trimmed.index(after: colon)...]).trimmingWhitespace()
      headers.append((name: name, value: value))
    }
    return bytes.count
  }

  /// Passes a body chunk on; returning less than its size makes curl abort the transfer.
  fileprivate func received(body bytes: UnsafeRawBufferPointer) -> Int {
    lastActivity = .now
    deliverResponse()
    guard let body else { return 0 }
    if case .terminated = body.yield(Array(bytes)) { return 0 }
    return bytes.count
  }

  /// Resumes `send` with the status and headers, once.
  private func deliverResponse() {
    guard let response else { return }
    self.response = nil
    let (stream, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
    continuation.onTermination = { [control] termination in
      if case .cancelled = termination { control.cancel() }
    }
    body = continuation
    // Non-HTTP transfers (file:// in tests) have no status line.
    let code = status == 0 ? 200 : status
    response.resume(returning: HTTPResponse(status: code, headers: headers, body: stream))
  }

  /// Ends the transfer with curl's result.
  /// - Parameter result: What `curl_multi_info_read` reported.
  func complete(_ result: CURLcode) {
    if result == CURLE_OK {
      deliverResponse()
      body?.finish()
      body = nil
    } else if control.isCancelled {
      finish(throwing: CancellationError())
    } else {
      finish(throwing: HTTPError(curl: result, buffer: String(cString: errorBuffer)))
    }
  }

  /// Ends the transfer with `error`: `send` throws it if headers have not arrived, else the body does.
  /// - Parameter error: The error to report.
  func finish(throwing error: any Error) {
    if let response {
      self.response = nil
      response.resume(throwing: error)
    }
    body?.finish(throwing: error)
    body = nil
  }
}

private func transfer(_ context: UnsafeMutableRawPointer?) -> CurlTransfer? {
  context.map { Unmanaged<CurlTransfer>.fromOpaque($0).takeUnretainedValue() }
}

private let onBody: curl_write_callback = { data, size, count, context in
  guard let transfer = transfer(context) else { return 0 }
  return transfer.received(body: UnsafeRawBufferPointer(start: data, count: size * count))
}

private let onHeader: curl_write_callback = { data, size, count, context in
  guard let transfer = transfer(context) else { return 0 }
  return transfer.received(headerLine: UnsafeRawBufferPointer(start: data, count: size * count))
}

extension StringProtocol {
  /// The text without leading and trailing spaces, tabs, CRs and LFs.
  fileprivate func trimmingWhitespace() -> String {
    guard let start = firstIndex(where: { !$0.isWhitespace }),
      let end = lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(self[start...end])
  }
}
