/// One single-token change to a function: the cheapest candidate fix there is, tried by the
/// tests before any model is asked (``MutantGenerator`` makes them, the sub-agent's repair round
/// runs them).
package struct Mutant: Sendable, Equatable {
  /// What kind of change it is; also its rank among the changes of one line.
  package enum Kind: String, Sendable, Equatable, CaseIterable, Codable {
    /// `<` ↔ `<=`, `>` ↔ `>=`, `<` ↔ `>`, `==` ↔ `!=`.
    case comparison
    /// `and` ↔ `or`, `True` ↔ `False`, a dropped `not`; `&&` ↔ `||` in C-like languages.
    case logic
    /// An integer literal one more or one less.
    case constant
    /// `min` ↔ `max`.
    case call
    /// `+` ↔ `-`, `*` ↔ `/`, `/` ↔ `//`, `+=` ↔ `-=`, and the bitwise `&`, `|`, `^`, shifts.
    case arithmetic
    /// `+ 1` or `- 1` after an index or argument.
    case offByOne = "off_by_one"
    /// One of the function's own names in place of another.
    case variable
    /// The two arguments of a two-argument call swapped.
    case arguments
    /// A statement line removed.
    case deletion
  }

  /// The kind of change.
  package var kind: Kind
  /// The line changed, 0-based in the file.
  package var line: Int
  /// The line before.
  package var before: String
  /// The line after; `nil` when the line is removed.
  package var after: String?

  /// Creates a mutant.
  package init(kind: Kind, line: Int, before: String, after: String?) {
    self.kind = kind
    self.line = line
    self.before = before
    self.after = after
  }

  /// `content` with this change made.
  package func apply(to content: String) -> String {
    var lines = content.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard line < lines.count, lines[line] == before else { return content }
    if let after { lines[line] = after } else { lines.remove(at: line) }
    return lines.joined(separator: "\n")
  }

  /// One line for progress and the run's summary: `line 12: if n == 0: → if n <= 1:`.
  package var summary: String {
    let old = before.trimmed
    guard let after else { return "line \(line + 1): removed `\(old)`" }
    return "line \(line + 1): `\(old)` → `\(after.trimmed)`"
  }
}
