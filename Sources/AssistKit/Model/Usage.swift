/// The tokens one call consumed, as the provider reported them.
///
/// `inputTokens` counts every prompt token *not* read from a cache, including those written to
/// one; `cacheWriteTokens` is the part of them the provider stored (Anthropic bills these at a
/// premium). So the prompt was `inputTokens + cacheReadTokens` tokens long.
package struct Usage: Sendable, Equatable, Hashable, Codable {
  /// Prompt tokens not read from a cache.
  package var inputTokens: Int
  /// Reply tokens.
  package var outputTokens: Int
  /// Prompt tokens read from the provider's cache.
  package var cacheReadTokens: Int
  /// Prompt tokens written to the provider's cache (a part of ``inputTokens``).
  package var cacheWriteTokens: Int

  /// Creates a usage record.
  package init(
    inputTokens: Int = 0, outputTokens: Int = 0, cacheReadTokens: Int = 0, cacheWriteTokens: Int = 0
  ) {
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
    self.cacheReadTokens = cacheReadTokens
    self.cacheWriteTokens = cacheWriteTokens
  }

  /// No tokens.
  package static let zero = Usage()

  /// The whole prompt: uncached plus cache-read tokens.
  package var promptTokens: Int { inputTokens + cacheReadTokens }

  /// Adds two usages field by field (for retries and multi-call totals).
  package static func + (lhs: Usage, rhs: Usage) -> Usage {
    Usage(
      inputTokens: lhs.inputTokens + rhs.inputTokens,
      outputTokens: lhs.outputTokens + rhs.outputTokens,
      cacheReadTokens: lhs.cacheReadTokens + rhs.cacheReadTokens,
      cacheWriteTokens: lhs.cacheWriteTokens + rhs.cacheWriteTokens)
  }
}
