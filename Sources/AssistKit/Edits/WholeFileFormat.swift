/// Whole-file replacements: the path alone on a line, then a fenced block with the complete file.
///
/// The most robust format for small models on small files. The parser refuses a fenced block
/// without a path, two blocks for one path, and content elided with `...`-style placeholders.
package struct WholeFileFormat: EditFormat {
  package var name: String { "whole-file" }

  package var instructions: String {
    """
    Reply with the complete new content of every file you change, in this exact shape:

    path/to/file.ext
    ```
    the whole file, from its first line to its last
    ```

    Rules:
    - The file path goes alone on the line before the opening fence.
    - Write every line of the file, changed or not; never shorten it with "..." or a comment \
    like "rest unchanged".
    - Write nothing but the files and a one-line explanation.

    """
  }

  /// Creates the format.
  package init() {}

  package func parse(reply: String, defaultPath: String?) throws -> [FileEdit] {
    var edits: [FileEdit] = []
    let blocks = Self.joiningPathBlocks(FencedBlock.all(in: reply).filter { !$0.isShell })
    // A path line that cannot be read names some file: never guess it is the default one.
    if let bad = blocks.first(where: { $0.pathProblem != nil }), let problem = bad.pathProblem {
      throw EditParseError(format: name, line: max(bad.line - 1, 1), reason: problem)
    }
    // One block without a path, in a request about one file, is that file.
    let pathless = blocks.filter { $0.path == nil }
    let fallback =
      pathless.count == 1 && !blocks.contains(where: { $0.path == defaultPath }) ? defaultPath : nil
    for block in blocks {
      guard let path = block.path ?? fallback else {
        throw EditParseError(
          format: name, line: block.line,
          reason: "the fenced block has no file path: write the path alone on the line before it")
      }
      if edits.contains(where: { $0.path == path }) {
        throw EditParseError(
          format: name, line: block.line,
          reason: "\(path) is written twice: send each file once, complete")
      }
      if let elided = block.body.editLines.firstIndex(where: Self.isElision) {
        throw EditParseError(
          format: name, line: block.line + 1 + elided,
          reason: "the content of \(path) is shortened with a placeholder: write every line")
      }
      edits.append(FileEdit(path: path, change: .write(block.body)))
    }
    return edits
  }

  /// Small models sometimes fence the path itself (```` ```\napp.py\n``` ```` then the file's
  /// block): a block holding only a path names the pathless block right after it.
  static func joiningPathBlocks(_ blocks: [FencedBlock]) -> [FencedBlock] {
    var result: [FencedBlock] = []
    var pending: (path: String, end: Int)?
    for var block in blocks {
      let lines = block.body.editLines
      if block.path == nil, lines.count == 1, FencedBlock.looksLikePath(String(lines[0].trimmed)) {
        pending = (String(lines[0].trimmed), block.line + 2)
        continue
      }
      if let named = pending, block.path == nil, block.line - named.end <= 2 {
        block.path = named.path
      }
      pending = nil
      result.append(block)
    }
    return result
  }

  /// A line that stands for omitted code (`...`, `# ... rest unchanged`, `// existing code`).
  static func isElision(_ line: Substring) -> Bool {
    var text = line.trimmed
    if text == "..." || text == "…" { return true }
    guard let comment = ["#", "//", "/*", "--", "<!--"].first(where: text.hasPrefix) else {
      return false
    }
    text = text.dropFirst(comment.count).trimmed
    guard text.contains("...") || text.contains("…") else { return false }
    let lower = text.lowercased()
    return ["unchanged", "existing", "rest of", "remain", "same as", "omitted"].contains(
      where: lower.contains)
  }
}
