/// One definition in a file: a function, method, class or type, with the lines it spans.
package struct Definition: Sendable, Codable, Hashable {
  /// The defined name (`median`, not `Stats.median`).
  package var name: String
  /// What it is, as the indexer names it (`function`, `member`, `class`, `struct`, …).
  package var kind: String
  /// The file, repository-relative.
  package var path: String
  /// First line, 1-based; decorators and attributes included.
  package var startLine: Int
  /// The line that names it (after any decorators), 1-based.
  package var line: Int
  /// Last line, 1-based, inclusive.
  package var endLine: Int
  /// The enclosing definition (`Stats` for a method, `outer` for a nested function), if any.
  package var scope: String?
  /// The definition's first line, trimmed (`def median(values):`).
  package var signature: String

  /// Creates a definition.
  package init(
    name: String, kind: String, path: String, startLine: Int, line: Int? = nil, endLine: Int,
    scope: String? = nil, signature: String
  ) {
    self.line = line ?? startLine
    self.name = name
    self.kind = kind
    self.path = path
    self.startLine = startLine
    self.endLine = max(endLine, startLine)
    self.scope = scope
    self.signature = signature
  }

  /// How many lines it spans.
  package var lineCount: Int { endLine - startLine + 1 }

  /// Whether `line` (1-based) lies inside it.
  package func contains(line: Int) -> Bool { (startLine...endLine).contains(line) }

  /// Whether it is callable code (a function or method) rather than a type or a variable.
  package var isCallable: Bool {
    ["function", "func", "method", "member", "fn", "subroutine", "procedure"].contains(kind)
  }
}
