package import HTTP

/// Runs one model call against a list of endpoints: encodes it with the endpoint's codec, sends it
/// through the transport, decodes the (streamed) reply, and on failure retries with backoff,
/// benches failing endpoints and fails over to the next one.
///
/// API keys are read from ``variables`` at call time and never appear in what this returns or
/// throws. The routing layer wraps this; it does no routing or budgeting itself.
package struct ModelClient: Sendable {
  /// Called after each streamed piece of text.
  package typealias Progress = @Sendable (CallProgress) -> Void
  /// Looks at a streamed reply so far: a reason cuts the stream off (the reply is already
  /// unusable), `nil` lets it go on.
  package typealias ReplyCheck = @Sendable (String) -> String?

  /// The network.
  package var transport: any HTTPTransport
  /// The process environment, where keys are looked up.
  package var variables: [String: String]
  /// Retry and backoff.
  package var retry: RetryPolicy
  /// Connect, stall and total limits for each attempt.
  package var timeouts: HTTPTimeouts
  /// Failure counts and cooldowns; share one instance across clients to share benching.
  package var health: EndpointHealth
  let timeline: Timeline

  /// Creates a client.
  /// - Parameters:
  ///   - transport: The network.
  ///   - variables: The environment variables keys are read from.
  ///   - clock: The clock for backoff waits and timings.
  ///   - retry: Retry and backoff.
  ///   - timeouts: Limits for each attempt.
  ///   - health: Shared cooldown state; a fresh one on `clock` by default.
  package init(
    transport: any HTTPTransport, variables: [String: String],
    clock: any Clock<Duration> = ContinuousClock(), retry: RetryPolicy = RetryPolicy(),
    timeouts: HTTPTimeouts = HTTPTimeouts(), health: EndpointHealth? = nil
  ) {
    self.transport = transport
    self.variables = variables
    self.retry = retry
    self.timeouts = timeouts
    self.health = health ?? EndpointHealth(clock: clock)
    self.timeline = Timeline(clock: clock)
  }

  /// Creates a client from the injected dependencies.
  /// - Parameters:
  ///   - environment: Transport, clock and environment variables.
  ///   - retry: Retry and backoff.
  ///   - health: Shared cooldown state; a fresh one with the environment's
  ///     ``Environment/endpointHealth`` policy by default.
  package init(
    environment: Environment, retry: RetryPolicy = RetryPolicy(), health: EndpointHealth? = nil
  ) {
    let health =
      health ?? EndpointHealth(clock: environment.clock, policy: environment.endpointHealth)
    self.init(
      transport: environment.transport, variables: environment.variables,
      clock: environment.clock, retry: retry, health: health)
  }

  /// Runs `request` on the first endpoint that answers.
  ///
  /// Endpoints are tried in order, skipping benched ones. Each gets up to
  /// ``RetryPolicy/maxAttempts`` attempts for retryable failures (rate limits, 5xx, timeouts,
  /// unreachable); auth failures and malformed replies move on to the next endpoint at once; a
  /// context overflow, a rejected request or a stream that broke after text arrived is thrown at
  /// once (the caller decides: a bigger tier, or keep the partial text).
  /// - Parameters:
  ///   - request: The call.
  ///   - endpoints: Where to send it, in failover order.
  ///   - limits: The wall-clock limit over all attempts and the reply cap; derived from the
  ///     request's `max_tokens` when `nil` (``CallLimits/defaults(for:)``): no call is unbounded.
  ///   - check: Looks at the streamed reply as it grows; a reason cuts it off.
  ///   - progress: Called after each streamed piece of text.
  /// - Returns: The reply with usage, timings, the endpoint that answered and the attempt count.
  /// - Throws: ``ProviderError`` (the last endpoint's failure, `cutOff` past a limit or a check,
  ///   or `coolingDown` when every endpoint is benched), or `CancellationError`.
  package func complete(
    _ request: ChatRequest, endpoints: [EndpointSpec], limits: CallLimits? = nil,
    check: ReplyCheck? = nil, progress: Progress? = nil
  ) async throws -> ChatResponse {
    let limits = limits ?? .defaults(for: request)
    let start = timeline.now()
    guard !endpoints.isEmpty else { throw ProviderError.invalidRequest(message: "no endpoints") }
    var attempts = 0
    var lastError: ProviderError?
    var shortestCooldown: Duration?
    for endpoint in endpoints {
      if let remaining = await health.remainingCooldown(endpoint) {
        shortestCooldown = min(shortestCooldown ?? remaining, remaining)
        continue
      }
      let secrets = endpoint.apiKeyEnvironment.flatMap { variables[$0] }.map { [$0] } ?? []
      for attempt in 1...retry.maxAttempts {
        try Task.checkCancellation()
        let remaining = limits.wallClock - (timeline.now() - start)
        guard remaining > .zero else {
          throw ProviderError.cutOff(
            partialText: "",
            reason:
              "no reply within the call's \(limits.wallClock.secondsDouble)s limit\(limits.suffix); last problem: \(lastError.map(String.init(describing:)) ?? "none")"
          )
        }
        attempts += 1
        do {
          let sentAt = timeline.now()
          var response = try await send(
            request, to: endpoint, limits: limits, remaining: remaining, check: check,
            progress: progress)
          await health.recordSuccess(endpoint)
          let end = timeline.now()
          response.timings.queueWait = sentAt - start
          response.timings.total = end - start
          response.attempts = attempts
          return response
        } catch let error as ProviderError {
          let error = error.redacting(secrets)
          lastError = error
          guard error.allowsFailover else { throw error }
          guard error.isRetryable, attempt < retry.maxAttempts,
            let delay = retry.delay(beforeRetry: attempt, after: error)
          else { break }
          try await timeline.sleep(delay)
        }
      }
      // This endpoint gave up on this call: one failure towards its cooldown.
      await health.recordFailure(endpoint)
    }
    if let lastError { throw lastError }
    throw ProviderError.coolingDown(remaining: shortestCooldown ?? .zero)
  }
}
