/// Completes a definition's line range from its text where the indexer gives only its first line.
enum DefinitionBounds {
  /// The first line of the definition at `line` (1-based): earlier if decorators or attributes
  /// (`@cached`, `@MainActor`) stand right above it at its indentation.
  static func firstLine(of line: Int, in lines: [Substring]) -> Int {
    let indent = lines[line - 1].prefix(while: { $0 == " " || $0 == "\t" })
    var start = line
    while start > 1 {
      let above = lines[start - 2]
      guard above.hasPrefix(indent + "@") else { break }
      start -= 1
    }
    return start
  }

  /// The last line (1-based) of the definition starting at `line`: by indentation for Python,
  /// by the matching brace elsewhere; the line itself when neither can tell.
  static func lastLine(from line: Int, in lines: [Substring], path: String) -> Int {
    if SourceLanguage(path: path) == .python {
      return SymbolExtent.indentedEnd(from: line - 1, in: lines) + 1
    }
    return (SymbolExtent.closingLine(from: line - 1, in: lines) ?? (line - 1)) + 1
  }
}
