/// A candidate place for a change: a definition (or a whole file) with a score and the reasons
/// for it. What `assist plan` shows and `--json` reports under `"places"`.
package struct Place: Sendable, Equatable, Codable {
  /// The file, repository-relative.
  package var path: String
  /// The definition's name; empty for a file with no definition to point at.
  package var symbol: String
  /// First line, 1-based.
  package var startLine: Int
  /// Last line, 1-based, inclusive.
  package var endLine: Int
  /// Higher is likelier; comparable only within one localization.
  package var score: Double
  /// Why it was chosen, one short phrase each ("named in the task", "traceback line 41").
  package var reasons: [String]

  /// Creates a place.
  package init(
    path: String, symbol: String, startLine: Int, endLine: Int, score: Double, reasons: [String]
  ) {
    self.path = path
    self.symbol = symbol
    self.startLine = startLine
    self.endLine = endLine
    self.score = score
    self.reasons = reasons
  }

  enum CodingKeys: String, CodingKey {
    case path, symbol, score, reasons
    case startLine = "start_line"
    case endLine = "end_line"
  }
}
