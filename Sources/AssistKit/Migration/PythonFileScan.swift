internal import Foundation

/// What a tool can tell about a Python file's lines without a parser: which lines are import
/// statements (a parenthesized or backslash-continued `from m import (…)` spans several), which
/// names `import m` binds to modules, which lines are in `__all__` or a docstring.
struct PythonFileScan: Sendable {
  /// The statement a line belongs to.
  enum Statement: Sendable, Equatable {
    /// `from module import …`.
    case fromImport(module: String)
    /// `import a.b as c`.
    case importModule
    /// `__all__ = […]` (or `+=`).
    case exportList
    /// Inside a triple-quoted string.
    case docstring
    /// Any other code.
    case code
  }

  /// The statement of each line, 0-based.
  var statements: [Statement]
  /// Names bound to modules by `import m`, `import m as n`, `import a.b` (binds `a`).
  var moduleNames: Set<String>
  /// Names bound by `from m import name` (the bound name, after `as`).
  var importedNames: Set<String>
  /// What each imported name stands for, dotted (`c` → `pkg.core` after
  /// `from pkg import core as c`; `pkg` → `pkg` after `import pkg.core`).
  var targets: [String: String]

  /// Scans `lines`.
  init(lines: [Substring]) {
    statements = Array(repeating: .code, count: lines.count)
    moduleNames = []
    importedNames = []
    targets = [:]
    var index = 0
    var inDocstring: String?
    while index < lines.count {
      let line = lines[index]
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if let quote = inDocstring {
        statements[index] = .docstring
        if trimmed.contains(quote) { inDocstring = nil }
        index += 1
        continue
      }
      for quote in ["\"\"\"", "'''"] where trimmed.contains(quote) {
        let count = trimmed.components(separatedBy: quote).count - 1
        statements[index] = .docstring
        if count % 2 == 1 { inDocstring = quote }
        break
      }
      if statements[index] == .docstring {
        index += 1
        continue
      }
      let statement: Statement?
      if trimmed.hasPrefix("from ") {
        let module = trimmed.dropFirst(5).prefix { $0 != " " }
        statement = .fromImport(module: String(module))
      } else if trimmed.hasPrefix("import ") {
        statement = .importModule
      } else if trimmed.hasPrefix("__all__") {
        statement = .exportList
      } else {
        statement = nil
      }
      guard let statement else {
        index += 1
        continue
      }
      // The statement runs to its closing bracket or the last backslash continuation.
      var end = index
      var depth = 0
      var text = ""
      while end < lines.count {
        let part =
          lines[end].split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
          .first ?? ""
        text += part + " "
        depth += part.filter { "([{".contains($0) }.count - part.filter { ")]}".contains($0) }.count
        statements[end] = statement
        if depth <= 0 && !part.hasSuffix("\\") { break }
        end += 1
      }
      Self.bind(
        text, statement: statement, moduleNames: &moduleNames, imported: &importedNames,
        targets: &targets)
      index = end + 1
    }
  }

  private static func bind(
    _ text: String, statement: Statement, moduleNames: inout Set<String>,
    imported: inout Set<String>, targets: inout [String: String]
  ) {
    let cleaned = text.map { "()\\,".contains($0) ? " " : $0 }
    let words = String(cleaned).split(separator: " ").map(String.init)
    switch statement {
    case .importModule:
      // import a.b as c, d
      var i = 1
      while i < words.count {
        if i + 2 < words.count, words[i + 1] == "as" {
          moduleNames.insert(words[i + 2])
          targets[words[i + 2]] = words[i]
          i += 3
        } else {
          let top = String(words[i].prefix { $0 != "." })
          moduleNames.insert(top)
          targets[top] = top
          i += 1
        }
      }
    case .fromImport(let module):
      guard let start = words.firstIndex(of: "import") else { return }
      var i = start + 1
      while i < words.count {
        if i + 2 < words.count, words[i + 1] == "as" {
          imported.insert(words[i + 2])
          targets[words[i + 2]] = module + "." + words[i]
          i += 3
        } else {
          imported.insert(words[i])
          targets[words[i]] = module + "." + words[i]
          i += 1
        }
      }
    default:
      break
    }
  }

  /// Whether the occurrence at `range` of `line` is in a `#` comment or a quoted string.
  static func inCommentOrString(_ range: Range<Substring.Index>, of line: Substring) -> Bool {
    var quote: Character?
    var index = line.startIndex
    while index < range.lowerBound {
      let character = line[index]
      if let open = quote {
        if character == "\\" {
          index = line.index(after: index)
        } else if character == open {
          quote = nil
        }
      } else if character == "#" {
        return true
      } else if character == "\"" || character == "'" {
        quote = character
      }
      if index < line.endIndex { index = line.index(after: index) }
    }
    return quote != nil
  }
}
