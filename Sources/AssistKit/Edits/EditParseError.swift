/// A model reply that an edit format cannot turn into edits without guessing.
///
/// The `reason` is written for the model: it is fed back as-is in the reflection prompt.
package struct EditParseError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
  /// The format's registered name (`search-replace`, `udiff`, …).
  package var format: String
  /// The 1-based line of the reply where the problem was found, when there is one.
  package var line: Int?
  /// What is wrong and what the model should write instead.
  package var reason: String

  /// Creates an error.
  package init(format: String, line: Int?, reason: String) {
    self.format = format
    self.line = line
    self.reason = reason
  }

  package var description: String {
    if let line { return "\(format) reply, line \(line): \(reason)" }
    return "\(format) reply: \(reason)"
  }
}
