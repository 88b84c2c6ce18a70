internal import Foundation

/// The definitions a file makes (functions, types, methods), found by per-language patterns.
///
/// Cheap and language-agnostic enough for a repository map: it tells an agent where to look,
/// it is not a parser. Languages are data: extension → patterns.
package enum SymbolMap {
  private struct Language {
    /// Patterns whose first capture group is a definition's name; `indent` marks nested ones.
    var patterns: [NSRegularExpression]
  }

  private static func regex(_ pattern: String) -> NSRegularExpression? {
    try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
  }

  private static let languages: [String: Language] = {
    let python = Language(
      patterns: [regex(#"^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_]\w*)"#)].compactMap {
        $0
      })
    let js = Language(
      patterns: [
        regex(#"^[ \t]*(?:export[ \t]+)?(?:async[ \t]+)?function\*?[ \t]+([A-Za-z_$][\w$]*)"#),
        regex(#"^[ \t]*(?:export[ \t]+)?(?:default[ \t]+)?class[ \t]+([A-Za-z_$][\w$]*)"#),
        regex(
          #"^[ \t]*(?:export[ \t]+)?(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*=[ \t]*(?:async[ \t]*)?(?:\(|function)"#
        ),
        regex(
          #"^[ \t]+(?:static[ \t]+|async[ \t]+|get[ \t]+|set[ \t]+)*([A-Za-z_$][\w$]*)[ \t]*\([^)]*\)[ \t]*\{"#
        ),
      ].compactMap { $0 })
    let c = Language(
      patterns: [
        regex(
          #"^(?:static[ \t]+|inline[ \t]+|extern[ \t]+)*[A-Za-z_][\w \t\*]*?[ \t\*]([A-Za-z_]\w*)[ \t]*\([^;{]*\)[ \t]*\{?[ \t]*$"#
        ),
        regex(#"^(?:typedef[ \t]+)?struct[ \t]+([A-Za-z_]\w*)"#),
        regex(#"^#define[ \t]+([A-Za-z_]\w*)"#),
      ].compactMap { $0 })
    let swift = Language(
      patterns: [
        regex(
          #"^[ \t]*(?:@\w+[ \t]+)*(?:(?:public|private|internal|package|fileprivate|static|final|override|mutating|nonisolated)[ \t]+)*(?:func|struct|class|enum|protocol|actor|typealias|extension)[ \t]+([A-Za-z_]\w*)"#
        )
      ].compactMap { $0 })
    let go = Language(
      patterns: [
        regex(#"^func[ \t]+(?:\([^)]*\)[ \t]*)?([A-Za-z_]\w*)"#),
        regex(#"^type[ \t]+([A-Za-z_]\w*)"#),
      ].compactMap { $0 })
    let rust = Language(
      patterns: [
        regex(
          #"^[ \t]*(?:pub(?:\([^)]*\))?[ \t]+)?(?:async[ \t]+)?(?:fn|struct|enum|trait|impl)[ \t]+([A-Za-z_]\w*)"#
        )
      ].compactMap { $0 })
    return [
      "py": python, "js": js, "mjs": js, "cjs": js, "ts": js, "tsx": js, "jsx": js, "c": c, "h": c,
      "cc": c, "cpp": c, "hpp": c, "swift": swift, "go": go, "rs": rust,
    ]
  }()

  private static let notNames: Set<String> = [
    "if", "for", "while", "switch", "return", "catch", "function", "else", "do", "sizeof", "main_",
  ]

  /// The names `text` defines, in order, without duplicates.
  /// - Parameters:
  ///   - text: The file's content.
  ///   - path: Its path; the extension picks the language.
  /// - Returns: Definition names; empty for unknown languages.
  package static func definitions(in text: String, path: String) -> [String] {
    var names: [String] = []
    for (name, _) in located(in: text, path: path) where !names.contains(name) {
      names.append(name)
    }
    return names
  }

  /// Whether the patterns know the language of `path`.
  package static func knows(path: String) -> Bool {
    languages[(path as NSString).pathExtension.lowercased()] != nil
  }

  /// Every definition the patterns find in `text`, with its 1-based line, in order.
  /// - Parameters:
  ///   - text: The file's content.
  ///   - path: Its path; the extension picks the language.
  /// - Returns: Name and line pairs (a name defined twice appears twice).
  package static func located(in text: String, path: String) -> [(name: String, line: Int)] {
    let ext = (path as NSString).pathExtension.lowercased()
    guard let language = languages[ext] else { return [] }
    let range = NSRange(text.startIndex..., in: text)
    var found: [(String.Index, String)] = []
    for pattern in language.patterns {
      for match in pattern.matches(in: text, range: range) where match.numberOfRanges > 1 {
        guard let r = Range(match.range(at: 1), in: text) else { continue }
        let name = String(text[r])
        if !notNames.contains(name) { found.append((r.lowerBound, name)) }
      }
    }
    found.sort { $0.0 < $1.0 }
    var result: [(name: String, line: Int)] = []
    var line = 1
    var cursor = text.startIndex
    for (index, name) in found {
      line += text[cursor..<index].reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
      cursor = index
      if result.last.map({ $0 == (name, line) }) != true { result.append((name, line)) }
    }
    return result
  }
}
