/// How ``ModelClient`` retries one endpoint: exponential backoff with jitter, honouring the
/// server's `Retry-After` up to a limit beyond which it fails over instead of waiting.
package struct RetryPolicy: Sendable {
  /// Attempts per endpoint, the first included.
  package var maxAttempts: Int
  /// The wait before the first retry; doubled for each further one.
  package var baseDelay: Duration
  /// The longest backoff wait.
  package var maxDelay: Duration
  /// The longest `Retry-After` honoured; a longer one moves on to the next endpoint.
  package var maxRetryAfter: Duration
  /// The fraction of each backoff wait that is random (0 = none, 1 = "full jitter").
  package var jitter: Double
  /// The source of randomness in 0...1 (injected so tests are deterministic).
  package var random: @Sendable () -> Double

  /// Creates a policy; the defaults suit interactive use.
  package init(
    maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(500),
    maxDelay: Duration = .seconds(8),
    maxRetryAfter: Duration = .seconds(30), jitter: Double = 0.5,
    random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
    self.maxRetryAfter = maxRetryAfter
    self.jitter = min(max(jitter, 0), 1)
    self.random = random
  }

  /// The wait before retry number `retry` after `error`.
  /// - Parameters:
  ///   - retry: 1 for the first retry, 2 for the second, …
  ///   - error: The failure being retried.
  /// - Returns: The wait, or `nil` if the server asked for longer than ``maxRetryAfter``.
  package func delay(beforeRetry retry: Int, after error: ProviderError) -> Duration? {
    if let retryAfter = error.retryAfter {
      return retryAfter <= maxRetryAfter ? retryAfter : nil
    }
    let exponential = baseDelay * (1 << min(max(retry - 1, 0), 20))
    let capped = min(exponential, maxDelay)
    return capped * (1 - jitter * min(max(random(), 0), 1))
  }
}
