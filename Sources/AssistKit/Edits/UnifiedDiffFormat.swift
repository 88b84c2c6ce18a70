/// Unified diffs as models write them: `---`/`+++` headers and `@@` hunks whose line numbers and
/// counts may be missing or wrong.
///
/// Line numbers are never trusted: each hunk becomes a search/replace pair (context and removed
/// lines → context and added lines) that the ``Matcher`` places by content. `--- /dev/null`
/// creates a file, `+++ /dev/null` deletes one.
package struct UnifiedDiffFormat: EditFormat {
  package var name: String { "udiff" }

  package var instructions: String {
    """
    Describe the change as a unified diff in a fenced block, in this exact shape:

    ```diff
    --- a/path/to/file.ext
    +++ b/path/to/file.ext
    @@ ... @@
     an unchanged line for context
    -a line to remove
    +a line to add
     another unchanged line
    ```

    Rules:
    - Start every hunk with a line beginning with @@; the line numbers may be left out.
    - Prefix unchanged lines with a space, removed lines with -, added lines with +.
    - Copy the unchanged and removed lines exactly from the file, with two or three unchanged \
    lines around each change.
    - To create a file, use --- /dev/null and only + lines.

    """
  }

  /// Creates the format.
  package init() {}

  package func parse(reply: String, defaultPath: String?) throws -> [FileEdit] {
    let lines = reply.editLines
    var edits: [FileEdit] = []
    var i = 0
    while i < lines.count {
      guard lines[i].hasPrefix("--- "), i + 1 < lines.count, lines[i + 1].hasPrefix("+++ ") else {
        i += 1
        continue
      }
      let old = Self.path(lines[i].dropFirst(4))
      let new = Self.path(lines[i + 1].dropFirst(4))
      let headerLine = i + 1
      i += 2
      var hunks: [(body: HunkBody, line: Int)] = []
      var current = HunkBody()
      var currentLine = i + 1
      var blankRun = 0
      while i < lines.count {
        let line = lines[i]
        if line.hasPrefix("@@") {
          if !current.isEmpty {
            hunks.append((current.trimmingTrailingBlankContext(blankRun), currentLine))
          }
          current = HunkBody()
          currentLine = i + 1
          blankRun = 0
          i += 1
          continue
        }
        if line.hasPrefix("--- "), i + 1 < lines.count, lines[i + 1].hasPrefix("+++ ") { break }
        if line.hasPrefix("diff --git ") || line.trimmed.hasPrefix("```") { break }
        guard current.add(line) else { break }
        blankRun = line.isEmpty ? blankRun + 1 : 0
        i += 1
      }
      if !current.isEmpty {
        hunks.append((current.trimmingTrailingBlankContext(blankRun), currentLine))
      }
      edits += try fileEdits(old: old, new: new, hunks: hunks, headerLine: headerLine)
    }
    return edits
  }

  private func fileEdits(
    old: String?, new: String?, hunks: [(body: HunkBody, line: Int)], headerLine: Int
  ) throws -> [FileEdit] {
    guard let path = new ?? old else {
      throw EditParseError(
        format: name, line: headerLine, reason: "both sides of the diff are /dev/null")
    }
    if new == nil { return [FileEdit(path: path, change: .delete)] }
    guard !hunks.isEmpty else {
      throw EditParseError(
        format: name, line: headerLine, reason: "the diff for \(path) has no hunk lines")
    }
    if let empty = hunks.first(where: { $0.body.changes == 0 }) {
      throw EditParseError(
        format: name, line: empty.line,
        reason: "a hunk for \(path) changes nothing: mark removed lines with - and added with +")
    }
    if old == nil {
      guard hunks.count == 1, hunks[0].body.search.isEmpty else {
        throw EditParseError(
          format: name, line: headerLine,
          reason: "a new file (--- /dev/null) must be one hunk of + lines")
      }
      // A new file must not exist yet: an empty search creates, and refuses an existing file.
      return [.replace(path, search: "", replacement: hunks[0].body.replacement)]
    }
    return hunks.map {
      FileEdit.replace(path, search: $0.body.search, replacement: $0.body.replacement)
    }
  }

  /// The path of a `---`/`+++` header: `nil` for `/dev/null`, without `a/`/`b/` and timestamps.
  static func path(_ header: Substring) -> String? {
    var text = header.split(separator: "\t", maxSplits: 1).first.map { $0.trimmed } ?? ""
    if text == "/dev/null" { return nil }
    if text.hasPrefix("a/") || text.hasPrefix("b/") { text = text.dropFirst(2) }
    return String(text)
  }
}
