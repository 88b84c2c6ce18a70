extension Tier {
  /// Whether this is a cloud tier: one whose endpoints need an API key.
  ///
  /// Local servers (the bundled one, Ollama, vLLM on the LAN) need none, whatever their price.
  package var isCloud: Bool { apiKeyEnvironment != nil }

  /// The worst-case dollar cost of one call: every prompt token uncached and `maxTokens` generated.
  /// - Parameters:
  ///   - promptTokens: The estimated prompt size.
  ///   - maxTokens: The call's generation limit.
  package func worstCase(promptTokens: Int, maxTokens: Int) -> Double {
    cost(input: promptTokens, output: maxTokens)
  }
}
