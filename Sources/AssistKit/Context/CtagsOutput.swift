internal import Foundation

/// Reads universal-ctags' JSON lines (`--output-format=json --fields=+neKS`) into definitions.
///
/// ctags gives the definition line and, for most languages, an `end` line; the decorators above a
/// Python function and the end of a JavaScript function it does not give, so those are completed
/// from the text (``DefinitionBounds``).
enum CtagsOutput {
  /// One tag line as ctags writes it.
  private struct Tag: Decodable {
    var _type: String
    var name: String
    var path: String
    var line: Int?
    var end: Int?
    var kind: String?
    var scope: String?
  }

  /// Kinds that name a module or an import rather than code an agent could change.
  private static let skippedKinds: Set<String> = [
    "package", "namespace", "module", "unknown", "import", "include", "local", "parameter",
  ]

  /// The definitions in ctags' output, per path, sorted by start line.
  /// - Parameters:
  ///   - output: ctags' standard output.
  ///   - files: The texts it indexed (path → text), to read signatures and complete bounds.
  static func definitions(in output: String, files: [String: String]) -> [String: [Definition]] {
    var found: [String: [Definition]] = [:]
    var lines: [String: [Substring]] = [:]
    let decoder = JSONDecoder()
    for row in output.split(separator: "\n") {
      guard let tag = try? decoder.decode(Tag.self, from: Data(row.utf8)), tag._type == "tag",
        let line = tag.line, let kind = tag.kind, !skippedKinds.contains(kind),
        let text = files[tag.path]
      else { continue }
      if lines[tag.path] == nil {
        lines[tag.path] = text.split(separator: "\n", omittingEmptySubsequences: false)
      }
      let all = lines[tag.path] ?? []
      guard line >= 1, line <= all.count else { continue }
      let start = DefinitionBounds.firstLine(of: line, in: all)
      let end = tag.end ?? DefinitionBounds.lastLine(from: line, in: all, path: tag.path)
      found[tag.path, default: []].append(
        Definition(
          name: tag.name, kind: kind, path: tag.path, startLine: start, line: line, endLine: end,
          scope: tag.scope, signature: String(all[line - 1].trimmed)))
    }
    for path in files.keys where found[path] != nil {
      found[path]?.sort { ($0.startLine, $0.name) < ($1.startLine, $1.name) }
    }
    return found
  }
}
