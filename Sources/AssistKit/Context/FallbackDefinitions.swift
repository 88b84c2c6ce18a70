/// Definitions with line ranges from the ``SymbolMap`` patterns: what the index uses for files
/// ctags does not know, or everywhere when ctags is missing.
enum FallbackDefinitions {
  /// The definitions in `text`, sorted by line, each scoped to the one it sits inside.
  static func find(in text: String, path: String) -> [Definition] {
    let located = SymbolMap.located(in: text, path: path)
    guard !located.isEmpty else { return [] }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var found: [Definition] = []
    for (name, line) in located where line <= lines.count {
      let signature = String(lines[line - 1].trimmed)
      let end = DefinitionBounds.lastLine(from: line, in: lines, path: path)
      let scope = found.last { $0.contains(line: line) && $0.endLine >= end }?.name
      found.append(
        Definition(
          name: name, kind: signature.contains("(") ? "function" : "type", path: path,
          startLine: DefinitionBounds.firstLine(of: line, in: lines), line: line,
          endLine: end, scope: scope,
          signature: signature))
    }
    return found
  }
}
