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

  /// Sends a 48-token coding request to `tier` and times it.
  /// - Throws: ``ProviderError`` when the tier does not answer.
  package static func run(tier: Tier, environment: Environment) async throws -> Result {
    let client = ModelClient(environment: environment, retry: RetryPolicy(maxAttempts: 1))
    let request = ChatRequest(
      messages: [
        .user("Write a Python function that returns the sum of squares of a list. Code only.")
      ],
      maxTokens: 48, temperature: 0)
    let response = try await client.complete(request, endpoints: EndpointSpec.endpoints(of: tier))
    return Result(
      timeToFirstToken: response.timings.timeToFirstToken.secondsDouble,
      tokensPerSecond: response.timings.tokensPerSecond(outputTokens: response.usage.outputTokens),
      outputTokens: response.usage.outputTokens)
  }
}
