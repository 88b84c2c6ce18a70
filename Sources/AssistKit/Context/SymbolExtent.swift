/// Where one named function sits in a source file, by lines: what a symbol-scoped edit shows the
/// model and splices its answer back into.
///
/// Small models fix a ten-line function far more often than they rewrite a whole file around it
/// (`scripts/bench-cascade`). Found by indentation in Python and by braces elsewhere; a definition
/// that cannot be delimited with confidence is not found, and the caller falls back to whole files.
package struct SymbolExtent: Sendable, Equatable {
  /// The function's name.
  package var name: String
  /// Its lines, 0-based, end exclusive: decorators and the signature through the last body line.
  package var lines: Range<Int>
  /// The leading whitespace of its first line.
  package var indent: String

  /// Creates an extent.
  package init(name: String, lines: Range<Int>, indent: String) {
    self.name = name
    self.lines = lines
    self.indent = indent
  }

  /// The function's text as it stands in `text`, each line ending in a newline.
  package func source(in text: String) -> String {
    let all = text.split(separator: "\n", omittingEmptySubsequences: false)
    return all[lines].map { $0 + "\n" }.joined()
  }

  /// `text` with the function's lines replaced by `replacement`.
  package func splice(_ replacement: String, into text: String) -> String {
    var all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var new = replacement.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    while new.last?.allSatisfy(\.isWhitespace) == true { new.removeLast() }
    all.replaceSubrange(lines, with: new)
    return all.joined(separator: "\n")
  }

  /// The definition of the function `name` in `text`, or `nil` when there is none or more than
  /// one (overloads: which one would be ambiguous).
  package static func find(_ name: String, in text: String, path: String) -> SymbolExtent? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let found =
      SourceLanguage(path: path) == .python
      ? pythonDefinitions(of: name, in: lines) : braceDefinitions(of: name, in: lines)
    return found.count == 1 ? found[0] : nil
  }

  // MARK: Python

  private static func pythonDefinitions(of name: String, in lines: [Substring]) -> [SymbolExtent] {
    var found: [SymbolExtent] = []
    for (i, line) in lines.enumerated() {
      let indent = line.prefix(while: { $0 == " " || $0 == "\t" })
      var rest = line.dropFirst(indent.count)
      if rest.hasPrefix("async ") { rest = rest.dropFirst(6).drop(while: { $0 == " " }) }
      guard rest.hasPrefix("def ") else { continue }
      rest = rest.dropFirst(4).drop(while: { $0 == " " })
      guard rest.hasPrefix(name),
        rest.dropFirst(name.count).first.map({ $0 == "(" || $0 == " " })
          == true
      else { continue }
      var start = i
      while start > 0, lines[start - 1].hasPrefix(indent + "@") { start -= 1 }
      let end = indentedEnd(from: i, in: lines) + 1
      found.append(SymbolExtent(name: name, lines: start..<end, indent: String(indent)))
    }
    return found
  }

  /// The last line (0-based) of the indented block opened at line `start`: the last non-blank
  /// line indented deeper than it (a closing bracket at its own indentation ends a wrapped
  /// signature, not the body).
  package static func indentedEnd(from start: Int, in lines: [Substring]) -> Int {
    let indent = lines[start].prefix(while: { $0 == " " || $0 == "\t" }).count
    var end = start
    var k = start + 1
    while k < lines.count {
      let body = lines[k]
      if body.allSatisfy(\.isWhitespace) {
        k += 1
        continue
      }
      let depth = body.prefix(while: { $0 == " " || $0 == "\t" }).count
      let first = body.dropFirst(depth).first
      guard depth > indent || first == ")" || first == "]" else { break }
      end = k
      k += 1
    }
    return end
  }

  /// Every definition of the function `name` in `text` (overloads included), in order.
  package static func all(_ name: String, in text: String, path: String) -> [SymbolExtent] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return SourceLanguage(path: path) == .python
      ? pythonDefinitions(of: name, in: lines) : braceDefinitions(of: name, in: lines)
  }

  // MARK: Brace languages

  private static func braceDefinitions(of name: String, in lines: [Substring]) -> [SymbolExtent] {
    var found: [SymbolExtent] = []
    for (i, line) in lines.enumerated() where isBraceDefinition(line, of: name) {
      guard let end = closingLine(from: i, in: lines) else { continue }
      let indent = line.prefix(while: { $0 == " " || $0 == "\t" })
      found.append(SymbolExtent(name: name, lines: i..<(end + 1), indent: String(indent)))
    }
    return found
  }

  /// `function name(`, `name(…) {` (methods, C functions), `name = (…) =>`, `func name(`,
  /// `fn name(`; not a call (`x = name(`), a prototype (`…);`) or a control statement.
  package static func isBraceDefinition(_ line: Substring, of name: String) -> Bool {
    let text = line.trimmed
    guard let range = wordRange(of: name, in: text) else { return false }
    let before = text[..<range.lowerBound]
    let after = text[range.upperBound...].drop(while: { $0 == " " })
    if before.last == "." { return false }
    let words = before.split(whereSeparator: \.isWhitespace)
    let statements: Set<Substring> = [
      "if", "guard", "while", "for", "switch", "return", "else", "case", "await", "try", "throw",
      "new", "yield", "//", "/*", "*", "#",
    ]
    if text.hasSuffix(";") || before.contains("=") || before.contains("(")
      || words.contains(where: statements.contains)
    {
      return false
    }
    let keyword = ["function ", "func ", "fn ", "def "].contains { before.hasSuffix($0) }
    if after.hasPrefix("=") || after.hasPrefix(":") {
      let value = after.dropFirst().drop(while: { $0 == " " })
      return value.hasPrefix("function") || value.hasPrefix("async") || value.hasPrefix("(")
    }
    guard after.hasPrefix("(") else { return false }
    // `name(...) {` or a C signature `double name(...)` with the brace on this or a later line.
    return keyword || text.hasSuffix("{") || (!words.isEmpty && text.hasSuffix(")"))
  }

  /// The first occurrence of `name` in `text` as a whole identifier.
  static func wordRange(of name: String, in text: Substring) -> Range<Substring.Index>? {
    func isWord(_ c: Character?) -> Bool {
      c.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" } ?? false
    }
    var start = text.startIndex
    while start < text.endIndex {
      guard text[start...].hasPrefix(name) else {
        start = text.index(after: start)
        continue
      }
      let end = text.index(start, offsetBy: name.count)
      let previous = start > text.startIndex ? text[text.index(before: start)] : nil
      if !isWord(previous) && !isWord(end < text.endIndex ? text[end] : nil) { return start..<end }
      start = text.index(after: start)
    }
    return nil
  }

  /// The line where the first `{` at or after `start` is closed, skipping strings and comments.
  package static func closingLine(from start: Int, in lines: [Substring]) -> Int? {
    var depth = 0
    var opened = false
    var inBlockComment = false
    for k in start..<lines.count {
      if !opened && k > start + 3 { return nil }  // no body near the signature
      var quote: Character?
      var escaped = false
      var previous: Character = " "
      for c in lines[k] {
        defer { previous = c }
        if inBlockComment {
          if previous == "*" && c == "/" { inBlockComment = false }
          continue
        }
        if let open = quote {
          if escaped {
            escaped = false
          } else if c == "\\" {
            escaped = true
          } else if c == open {
            quote = nil
          }
          continue
        }
        if previous == "/" && c == "/" { break }
        if previous == "/" && c == "*" {
          inBlockComment = true
          continue
        }
        switch c {
        case "\"", "'", "`": quote = c
        case "{":
          depth += 1
          opened = true
        case "}":
          depth -= 1
          if opened && depth == 0 { return k }
        default: break
        }
      }
    }
    return nil
  }
}
