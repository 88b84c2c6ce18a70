/// Measures a tier with one short streamed request: time to first token and generation speed.
package enum TierProbe {
  /// What a probe measured.
  package struct Result: Sendable, Equatable, Codable {
    /// Seconds to the first token.
    package var timeToFirstToken: Double
    /// Output tokens per second of generation.
    package var tokensPerSecond: Double?
    /// Output tokens produced.
    package var outputTokens: Int
  }

  /// What probing a tier found.
  package enum Outcome: Sendable, Equatable {
    /// It answered: the measurement.
    case measured(Result)
    /// A bundled server busy with other requests (not probed, so as not to queue behind them),
    /// or one that did not answer within the probe's limit.
    case busy(String)
    /// It failed: the one-line reason.
    case failed(String)
  }

  /// The longest a probe may take before the tier counts as busy.
  package static let limit = Duration.seconds(30)

  /// Probes `tier` unless it is busy: a bundled server whose metrics show every slot in use or
  /// requests queued is reported busy without a request; a probe that gets no reply within
  /// ``limit`` is busy too; other failures are reported, never thrown.
  /// - Parameters:
  ///   - tier: The tier.
  ///   - environment: Transport and clock.
  ///   - limit: The longest the probe may take.
  /// - Returns: What the probe found.
  package static func check(tier: Tier, environment: Environment, limit: Duration = limit) async
    -> Outcome
  {
    if tier.local != nil, let endpoint = tier.endpoints.first,
      let slots = await SlotStatus.read(
        baseURL: endpoint, slots: tier.slots, transport: environment.transport),
      slots.isFull
    {
      return .busy(slots.description)
    }
    do {
      return .measured(try await run(tier: tier, environment: environment, limit: limit))
    } catch ProviderError.cutOff(_, _), ProviderError.timeout(_) {
      return .busy("no reply within \(limit.components.seconds) s")
    } catch {
      return .failed("\(error)")
    }
  }

  /// Sends a 48-token coding request to `tier` and times it, within ``limit``.
  /// - Throws: ``ProviderError`` when the tier does not answer.
  package static func run(tier: Tier, environment: Environment, limit: Duration = limit)
    async throws -> Result
  {
    let client = ModelClient(environment: environment, retry: RetryPolicy(maxAttempts: 1))
    let request = ChatRequest(
      messages: [
        .user("Write a Python function that returns the sum of squares of a list. Code only.")
      ],
      maxTokens: 48, temperature: 0)
    let response = try await client.complete(
      request, endpoints: EndpointSpec.endpoints(of: tier),
      limits: CallLimits(wallClock: limit, maxReplyTokens: 64, maxReplyBytes: 4096))
    return Result(
      timeToFirstToken: response.timings.timeToFirstToken.secondsDouble,
      tokensPerSecond: response.timings.tokensPerSecond(outputTokens: response.usage.outputTokens),
      outputTokens: response.usage.outputTokens)
  }
}
