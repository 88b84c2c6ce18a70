/// Where the time of one model call went.
///
/// `total` = `queueWait` + `timeToFirstToken` + `generation`, give or take the clock's resolution.
package struct CallTimings: Sendable, Equatable, Hashable {
  /// Before the successful attempt was sent: cooldown checks, failed attempts and backoff.
  package var queueWait: Duration
  /// From sending the successful attempt to its first reply token (includes the server's own
  /// queue and prompt processing).
  package var timeToFirstToken: Duration
  /// From the first reply token to the end of the reply.
  package var generation: Duration
  /// The whole call.
  package var total: Duration

  /// Creates timings.
  package init(
    queueWait: Duration = .zero, timeToFirstToken: Duration = .zero, generation: Duration = .zero,
    total: Duration = .zero
  ) {
    self.queueWait = queueWait
    self.timeToFirstToken = timeToFirstToken
    self.generation = generation
    self.total = total
  }

  /// Output tokens per second of generation, or `nil` when generation took no measurable time.
  /// - Parameter outputTokens: The reply's length in tokens.
  /// - Returns: The rate.
  package func tokensPerSecond(outputTokens: Int) -> Double? {
    let seconds = generation.secondsDouble
    return seconds > 0 ? Double(outputTokens) / seconds : nil
  }
}

extension Duration {
  /// The duration in seconds as a `Double`.
  package var secondsDouble: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
