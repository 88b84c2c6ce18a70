/// A long Python docstring shown as one marker line: the model reads and writes the code, not
/// twenty lines of prose and doctests it must copy back character for character (small models
/// spend most of a focused reply on them, and sometimes change them). The marker, or a reply
/// that drops the docstring, gets the original back when the reply is spliced in.
extension FunctionFormat {
  /// Docstrings longer than this many lines are collapsed.
  static let longDocstringLines = 6

  /// The 0-based line range (in the file) of `extent`'s docstring, when it is a long one.
  static func longDocstring(_ extent: SymbolExtent, in content: String, path: String) -> Range<Int>?
  {
    guard SourceLanguage(path: path) == .python else { return nil }
    let lines = content.split(separator: "\n", omittingEmptySubsequences: false)
    guard extent.lines.upperBound <= lines.count,
      let body = bodyStart(lines[extent.lines]),
      let range = docstring(lines[extent.lines], from: body)
    else { return nil }
    return range.count > longDocstringLines ? range : nil
  }

  /// The marker line that stands for `lines` lines of docstring, indented as they were.
  static func marker(indent: Substring, lines: Int) -> String {
    "\(indent)\"\"\"(docstring: \(lines) lines, unchanged, not shown)\"\"\""
  }

  /// Whether `line` is a marker, as written or touched up (`"""docstring unchanged"""`): a
  /// one-line string that talks about the docstring stands for it.
  static func isMarker(_ line: Substring) -> Bool {
    let text = line.trimmed
    guard let quote = ["\"\"\"", "'''"].first(where: { text.hasPrefix($0) }),
      text.count > 6, text.hasSuffix(quote)
    else { return false }
    return text.lowercased().contains("docstring")
  }

  /// `lines` (a reply's function, in the file's indentation) with the original docstring back:
  /// in place of the marker, or after the signature when the reply has no docstring at all.
  static func restoringDocstring(_ lines: [String], original: [Substring]) -> [String] {
    if let at = lines.firstIndex(where: { isMarker(Substring($0)) }) {
      var restored = lines
      restored.replaceSubrange(at...at, with: original.map(String.init))
      return restored
    }
    let slice = lines.map { Substring($0) }[...]
    guard let body = bodyStart(slice), docstring(slice, from: body) == nil else { return lines }
    var restored = lines
    restored.insert(contentsOf: original.map(String.init), at: body)
    return restored
  }

  /// The index of the first line after a function's signature (decorators skipped; a signature
  /// may span lines and ends at the line whose code ends with `:`).
  private static func bodyStart(_ lines: ArraySlice<Substring>) -> Int? {
    guard
      let def = lines.indices.first(where: {
        let text = lines[$0].trimmed
        return text.hasPrefix("def ") || text.hasPrefix("async def ")
      })
    else { return nil }
    for index in def..<lines.endIndex {
      let code = lines[index].split(separator: "#", maxSplits: 1).first ?? ""
      if code.trimmed.hasSuffix(":") { return index + 1 }
    }
    return nil
  }

  /// The docstring's lines when the first statement at or after `start` is a triple-quoted string.
  private static func docstring(_ lines: ArraySlice<Substring>, from start: Int) -> Range<Int>? {
    guard let first = lines[start...].indices.first(where: { !lines[$0].isBlank }) else {
      return nil
    }
    var text = lines[first].trimmed
    while let prefix = text.first, "rRbBuU".contains(prefix) { text = text.dropFirst() }
    guard let quote = ["\"\"\"", "'''"].first(where: { text.hasPrefix($0) }) else { return nil }
    if text.dropFirst(3).contains(quote) { return first..<first + 1 }
    for index in (first + 1)..<lines.endIndex where lines[index].contains(quote) {
      return first..<index + 1
    }
    return nil
  }
}
