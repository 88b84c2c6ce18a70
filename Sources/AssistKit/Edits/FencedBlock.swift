/// A fenced code block in a model reply, with the file path written before it or on its fence.
struct FencedBlock: Equatable {
  /// The path named on the line before the fence or in the fence's info string, if any.
  var path: String?
  /// The fence's info string (`python`, `diff`, …), without a path.
  var info: String
  /// The lines between the fences, each ending in a newline.
  var body: String
  /// The 1-based reply line of the opening fence.
  var line: Int
  /// Why the path line before the fence (or the fence's info string) cannot be read, if it
  /// cannot: a parse error for the model, never a reason to fall back to a default file.
  var pathProblem: String? = nil

  /// Whether the block is a shell snippet rather than file content.
  var isShell: Bool {
    ["bash", "sh", "shell", "console", "zsh", "cmd", "powershell"].contains(info.lowercased())
  }

  /// The fenced blocks of `reply`, in order; an unclosed last block runs to the end of the reply.
  static func all(in reply: String) -> [FencedBlock] {
    let lines = reply.editLines
    var blocks: [FencedBlock] = []
    var i = 0
    while i < lines.count {
      let opener = lines[i].trimmed
      let ticks = opener.prefix(while: { $0 == "`" }).count
      let tildes = opener.prefix(while: { $0 == "~" }).count
      guard ticks >= 3 || tildes >= 3 else {
        i += 1
        continue
      }
      let fence =
        ticks >= 3 ? String(repeating: "`", count: ticks) : String(repeating: "~", count: tildes)
      let rest = String(opener.dropFirst(fence.count).trimmed)
      var words = rest.split(whereSeparator: \.isWhitespace).map(String.init)
      var path: String?
      if let last = words.last, looksLikePath(last) {
        path = last
        words.removeLast()
      }
      if path == nil, i > 0 { path = pathLine(lines[i - 1]) }
      let problem =
        controlCharacters(in: opener) ?? (i > 0 ? controlCharacters(in: lines[i - 1]) : nil)
      if problem != nil { path = nil }
      var body = ""
      var k = i + 1
      while k < lines.count {
        let candidate = lines[k].trimmed
        if candidate.hasPrefix(fence) && candidate.dropFirst(fence.count).isBlank { break }
        body += lines[k].last == "\r" ? lines[k].dropLast() : lines[k]
        body += "\n"
        k += 1
      }
      blocks.append(
        FencedBlock(
          path: path, info: words.joined(separator: " "), body: body, line: i + 1,
          pathProblem: problem))
      i = k + 1
    }
    return blocks
  }

  /// The path a line before a fence names: the whole line cleaned of Markdown decoration, or the one
  /// backticked path in a sentence (`` Here is `app.py`: ``).
  static func pathLine(_ line: Substring) -> String? {
    if let name = SearchReplaceParser.pathCandidate(line), looksLikePath(name) { return name }
    let quoted = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
      .filter { $0.offset % 2 == 1 }.map { String($0.element) }.filter(looksLikePath)
    return quoted.count == 1 ? quoted[0] : nil
  }

  /// Why `line` is not a readable path line: it holds control characters (escape codes, vertical
  /// tabs, NUL, DEL, C1 codes) between its first and last visible character.
  static func controlCharacters(in line: Substring) -> String? {
    let codes = line.trimmed.unicodeScalars.filter { $0.properties.generalCategory == .control }
    guard let first = codes.first else { return nil }
    let hex = String(first.value, radix: 16, uppercase: true)
    let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    return
      "the path line before the block holds control characters (\(code)): write the file path alone, in plain text, on the line before the opening fence"
  }

  /// Whether `text` could be a relative file path: no spaces, and a dot or a slash.
  static func looksLikePath(_ text: String) -> Bool {
    !text.isEmpty && !text.contains(where: \.isWhitespace)
      && (text.contains(".") || text.contains("/"))
      && !text.hasPrefix("http") && text != "..."
      && text.contains(where: { $0.isLetter || $0.isNumber })
  }
}
