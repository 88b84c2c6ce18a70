/// What happened to one block of a reply.
package struct BlockOutcome: Sendable, Equatable, Codable {
  /// The block's 1-based position in the reply.
  package var block: Int
  /// The file it edits.
  package var path: String
  /// The strategy that placed it (`nil` for whole-file writes, deletions and failures).
  package var strategy: MatchStrategy?
  /// The 1-based first line it replaced in the file as it was when the block applied.
  package var line: Int?
  /// Why it failed, or `nil` if it applied.
  package var failure: EditFailure?

  /// Whether the block applied.
  package var applied: Bool { failure == nil }

  /// Creates an outcome.
  package init(
    block: Int, path: String, strategy: MatchStrategy? = nil, line: Int? = nil,
    failure: EditFailure? = nil
  ) {
    self.block = block
    self.path = path
    self.strategy = strategy
    self.line = line
    self.failure = failure
  }
}
