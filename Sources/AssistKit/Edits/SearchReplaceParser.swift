/// The line scanner behind ``SearchReplaceFormat``.
///
/// It follows Aider's `find_original_update_blocks` (shell fences skipped, the path looked for in
/// up to three lines above the `SEARCH` marker through fence lines, the previous block's path
/// reused when none is written) so that it extracts the same blocks from real replies.
struct SearchReplaceParser {
  /// One parsed block, with the 1-based reply line of its `SEARCH` marker.
  struct Block: Equatable {
    var path: String
    var search: String
    var replacement: String
    var line: Int
  }

  private let lines: [Substring]
  private let format: String
  private let defaultPath: String?

  /// Prepares to parse `reply`; `format` names the format in errors, `defaultPath` is the file
  /// a first block without a path belongs to.
  init(reply: String, format: String = "search-replace", defaultPath: String? = nil) {
    self.lines = reply.editLines
    self.format = format
    self.defaultPath = defaultPath
  }

  /// The blocks, in order.
  ///
  /// - Throws: ``EditParseError`` for a block without a path, a missing `=======` or
  ///   `>>>>>>> REPLACE`, or a nested `<<<<<<< SEARCH`.
  func parse() throws -> [Block] {
    var blocks: [Block] = []
    var currentPath: String?
    var i = 0
    while i < lines.count {
      if Marker.isShellFence(lines[i]) && !nextIsSearch(after: i) {
        // A shell snippet: skipped whole, as Aider does, so markers inside it are not read.
        i += 1
        while i < lines.count && !lines[i].trimmed.hasPrefix("```") { i += 1 }
        i += 1
        continue
      }
      guard Marker.isSearch(lines[i]) else {
        i += 1
        continue
      }
      let start = i
      if let problem = (max(0, i - 3)..<i).lazy.compactMap({
        FencedBlock.controlCharacters(in: lines[$0])
      }).first {
        throw error(at: i, problem)
      }
      guard let path = path(before: i) ?? currentPath ?? defaultPath else {
        throw error(
          at: i,
          "a SEARCH/REPLACE block has no file path: write the path alone on the line before the "
            + "opening fence")
      }
      currentPath = path
      var search: [Substring] = []
      i += 1
      while i < lines.count && !Marker.isDivider(lines[i]) {
        if Marker.isSearch(lines[i]) {
          throw error(
            at: i, "a second <<<<<<< SEARCH before the ======= of the block at line \(start + 1)")
        }
        search.append(lines[i])
        i += 1
      }
      guard i < lines.count else {
        throw error(at: start, "the block for \(path) has no ======= line after its SEARCH part")
      }
      var replacement: [Substring] = []
      i += 1
      while i < lines.count && !Marker.isReplace(lines[i]) && !Marker.isDivider(lines[i]) {
        if Marker.isSearch(lines[i]) {
          throw error(
            at: i, "a <<<<<<< SEARCH before the >>>>>>> REPLACE of the block at line \(start + 1)")
        }
        replacement.append(lines[i])
        i += 1
      }
      guard i < lines.count else {
        throw error(at: start, "the block for \(path) has no >>>>>>> REPLACE line")
      }
      blocks.append(
        Block(
          path: path, search: Self.text(search), replacement: Self.text(replacement),
          line: start + 1))
      i += 1
    }
    return blocks
  }

  private func nextIsSearch(after index: Int) -> Bool {
    (index + 1 < lines.count && Marker.isSearch(lines[index + 1]))
      || (index + 2 < lines.count && Marker.isSearch(lines[index + 2]))
  }

  /// The path written in the (up to) three lines above `index`, looking through fence lines.
  private func path(before index: Int) -> String? {
    var found: [String] = []
    var k = index - 1
    while k >= max(0, index - 3) {
      let raw = lines[k]
      if let name = Self.pathCandidate(raw) { found.append(name) }
      if !Marker.isFence(raw) { break }
      k -= 1
    }
    return found.first(where: { $0.contains(".") }) ?? found.first
  }

  /// The path a single line names, cleaned of Markdown decoration, or `nil`.
  static func pathCandidate(_ raw: Substring) -> String? {
    let line = raw.trimmed
    if line == "..." { return nil }
    if let rest = Marker.fenceRemainder(line) {
      // ```python app.py (the path on the fence line): the last word, if it looks like a path.
      guard let word = rest.split(whereSeparator: \.isWhitespace).last else { return nil }
      let hasSpace = rest.contains(where: \.isWhitespace)
      let candidate = hasSpace ? String(word) : String(rest)
      return candidate.contains(".") || candidate.contains("/") ? candidate : nil
    }
    var name = line
    while name.last == ":" { name = name.dropLast() }
    while name.first == "#" { name = name.dropFirst() }
    name = name.trimmed
    name = name.drop(while: { $0 == "`" })
    while name.last == "`" { name = name.dropLast() }
    name = name.drop(while: { $0 == "*" })
    while name.last == "*" { name = name.dropLast() }
    return name.isEmpty ? nil : String(name)
  }

  private static func text(_ lines: [Substring]) -> String {
    var text = ""
    for line in lines {
      text += line.last == "\r" ? line.dropLast() : line
      text += "\n"
    }
    return text
  }

  private func error(at index: Int, _ reason: String) -> EditParseError {
    EditParseError(format: format, line: index + 1, reason: reason)
  }
}
