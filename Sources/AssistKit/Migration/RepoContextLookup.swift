/// ``DefinitionLookup`` over a ``RepoContext``: word search in the committed text, Python
/// definitions by indentation, brace languages through ``SymbolExtent``.
package struct RepoContextLookup: DefinitionLookup {
  /// The repository's text at the base commit.
  package var context: RepoContext

  /// Creates a lookup over `context`.
  package init(context: RepoContext) { self.context = context }

  package var paths: [String] { context.files.keys.sorted() }

  package func text(of path: String) -> String? { context.files[path] }

  package func isTest(_ path: String) -> Bool { context.isTestFile(path) }

  package func mentions(of name: String) -> [String: [Int]] {
    var found: [String: [Int]] = [:]
    for (path, text) in context.files {
      let lines = IdentifierWords.lines(containing: name, in: text)
      if !lines.isEmpty { found[path] = lines }
    }
    return found
  }

  package func definitions(of name: String) -> [SymbolDefinition] {
    var found: [SymbolDefinition] = []
    for (path, lines) in mentions(of: name).sorted(by: { $0.key < $1.key }) {
      guard let text = context.files[path] else { continue }
      let all = text.split(separator: "\n", omittingEmptySubsequences: false)
      switch SourceLanguage(path: path) {
      case .python:
        for number in lines {
          if let definition = Self.pythonDefinition(of: name, at: number, in: all, path: path) {
            found.append(definition)
          }
        }
      case .none:
        continue
      default:
        if let extent = SymbolExtent.find(name, in: text, path: path) {
          found.append(
            SymbolDefinition(
              path: path, firstLine: extent.lines.lowerBound + 1, lastLine: extent.lines.upperBound,
              topLevel: extent.indent.isEmpty))
        }
      }
    }
    return found
  }

  /// A `def`, `class` or module-level `name =` on line `number` (1-based), spanning its body.
  static func pythonDefinition(
    of name: String, at number: Int, in lines: [Substring], path: String
  ) -> SymbolDefinition? {
    let line = lines[number - 1]
    let indent = line.prefix { $0 == " " || $0 == "\t" }
    var rest = line.dropFirst(indent.count)
    if rest.hasPrefix("async ") { rest = rest.dropFirst(6).drop { $0 == " " } }
    let isBlock: Bool
    if rest.hasPrefix("def ") || rest.hasPrefix("class ") {
      rest = rest.drop { $0 != " " }.drop { $0 == " " }
      guard rest.hasPrefix(name),
        rest.dropFirst(name.count).first.map({ "(: ".contains($0) }) == true
      else { return nil }
      isBlock = true
    } else if indent.isEmpty, rest.hasPrefix(name),
      rest.dropFirst(name.count).drop(while: { $0 == " " }).hasPrefix("=")
    {
      isBlock = false
    } else {
      return nil
    }
    var last = number
    if isBlock {
      // A signature split over lines (`def f(\n    a,\n) -> T:`) ends where its brackets close;
      // its closing line may sit at the definition's own indentation.
      var depth = 0
      var headerEnd = number - 1
      while headerEnd < lines.count {
        let code = lines[headerEnd].prefix { $0 != "#" }
        depth += code.filter { "([{".contains($0) }.count - code.filter { ")]}".contains($0) }.count
        if depth <= 0 { break }
        headerEnd += 1
      }
      last = min(headerEnd + 1, lines.count)
      var index = last
      while index < lines.count {
        let next = lines[index]
        if !next.allSatisfy(\.isWhitespace) {
          guard next.prefix(while: { $0 == " " || $0 == "\t" }).count > indent.count else { break }
          last = index + 1
        }
        index += 1
      }
    }
    return SymbolDefinition(
      path: path, firstLine: number, lastLine: last, topLevel: indent.isEmpty)
  }
}
