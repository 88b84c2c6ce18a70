/// Where a name is defined and where it is mentioned: the questions site finding asks of a
/// repository index.
///
/// Backed today by ``RepoContextLookup`` (the committed text and an indentation scan); a ctags
/// index can answer the same questions without changing the site finder.
package protocol DefinitionLookup: Sendable {
  /// Every committed text file, sorted.
  var paths: [String] { get }
  /// The text of `path` at the base commit.
  func text(of path: String) -> String?
  /// Where `name` is defined, with the lines each definition spans.
  func definitions(of name: String) -> [SymbolDefinition]
  /// The 1-based lines of each file that mention `name` as a whole word.
  func mentions(of name: String) -> [String: [Int]]
  /// Whether `path` is a test file.
  func isTest(_ path: String) -> Bool
}

/// One definition of a symbol: file, lines and nesting.
package struct SymbolDefinition: Sendable, Equatable, Hashable, Codable {
  /// The repository path.
  package var path: String
  /// The first line (the `def`/`class` line), 1-based.
  package var firstLine: Int
  /// The last line of its body, 1-based, inclusive.
  package var lastLine: Int
  /// Whether it is at module level (not a method or a nested function).
  package var topLevel: Bool

  /// Creates a definition.
  package init(path: String, firstLine: Int, lastLine: Int, topLevel: Bool) {
    self.path = path
    self.firstLine = firstLine
    self.lastLine = lastLine
    self.topLevel = topLevel
  }
}
