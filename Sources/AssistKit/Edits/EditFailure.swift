/// Why one block of a reply could not be applied, with what the model needs to fix it.
package struct EditFailure: Error, Sendable, Equatable, Codable, CustomStringConvertible {
  /// The kind of failure.
  package enum Kind: String, Sendable, Codable {
    /// No strategy found the quoted lines.
    case missing
    /// The quoted lines appear in more than one place.
    case ambiguous
    /// The quoted lines overlap lines an earlier block of the same reply wrote.
    case overlapping
    /// The block edits a file that does not exist.
    case fileMissing = "file-missing"
    /// The block creates a file that already exists (an empty SEARCH on an existing file).
    case fileExists = "file-exists"
    /// The new code uses typographic quotes, dashes or spaces that the file never uses.
    case punctuation
  }

  /// Lines of the file near where the block was meant to go.
  package struct Candidate: Sendable, Equatable, Codable {
    /// The 1-based number of the first line.
    package var line: Int
    /// The file's lines from there.
    package var lines: [String]

    /// Creates a candidate.
    package init(line: Int, lines: [String]) {
      self.line = line
      self.lines = lines
    }
  }

  /// The file the block edits.
  package var path: String
  /// The block's 1-based position in the reply.
  package var block: Int
  /// The kind of failure.
  package var kind: Kind
  /// The loosest strategy tried (for `missing`) or the one that found several places.
  package var strategy: MatchStrategy?
  /// The closest places in the file, best first (all places, for `ambiguous`).
  package var candidates: [Candidate]
  /// A sentence for the model: what went wrong and what to send instead.
  package var detail: String

  /// Creates a failure.
  package init(
    path: String, block: Int, kind: Kind, strategy: MatchStrategy? = nil,
    candidates: [Candidate] = [], detail: String
  ) {
    self.path = path
    self.block = block
    self.kind = kind
    self.strategy = strategy
    self.candidates = candidates
    self.detail = detail
  }

  package var description: String { "block \(block) (\(path)): \(kind.rawValue): \(detail)" }
}
