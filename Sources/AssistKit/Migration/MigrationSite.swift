/// One place a multi-file change must touch, found by a tool: a file, its lines and what the
/// occurrence is.
package struct MigrationSite: Sendable, Equatable, Hashable, Codable {
  /// What the occurrence of the symbol is at this place.
  package enum Kind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Where the symbol is defined (`def`, `class`, a module-level assignment).
    case definition
    /// A call (`name(`).
    case call
    /// A `raise name` or `raise name(…)` statement: where an exception change swaps the type.
    case raise
    /// Any other use in code (passed as a value, a decorator, an annotation).
    case reference
    /// A name in `from module import a, b` (one line of a parenthesized block).
    case importName = "import"
    /// `module.name`, after `import module`.
    case moduleAttribute = "module-attribute"
    /// A name re-exported by a package's `__init__.py`.
    case reexport
    /// A string in `__all__`.
    case exportList = "export-list"
    /// A mention in a comment or string.
    case comment
    /// A mention in documentation (README, `*.md`, `*.rst`).
    case documentation
  }

  /// The repository path.
  package var path: String
  /// The first line, 1-based.
  package var firstLine: Int
  /// The last line, 1-based, inclusive (a definition spans its body).
  package var lastLine: Int
  /// What the occurrence is.
  package var kind: Kind
  /// Whether the file is a test.
  package var inTest: Bool
  /// Whether the tool knows this occurrence is the symbol (not a same-named local or attribute of
  /// an unknown object): only resolved sites may be rewritten without a model.
  package var resolved: Bool

  /// Creates a site.
  package init(
    path: String, firstLine: Int, lastLine: Int? = nil, kind: Kind, inTest: Bool = false,
    resolved: Bool = true
  ) {
    self.path = path
    self.firstLine = firstLine
    self.lastLine = lastLine ?? firstLine
    self.kind = kind
    self.inTest = inTest
    self.resolved = resolved
  }

  /// `path:first-last`, as conflicts and reports name lines.
  package var location: String {
    firstLine == lastLine ? "\(path):\(firstLine)" : "\(path):\(firstLine)-\(lastLine)"
  }
}
