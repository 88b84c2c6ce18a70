/// Rewrites unified-diff text into the `diff --git` form libgit2 1.5 parses reliably.
///
/// libgit2's parser (`git_diff_from_buffer`) only accepts git-style patches. This turns
/// traditional `---`/`+++` diffs (from `diff -u`, editors or models) into git form, gives a
/// final line its missing newline, and restores the leading space of context lines that editors
/// strip from blank lines. Hunks are consumed by their line counts, so a removed line that starts
/// with `-- ` is never mistaken for a file header.
package enum PatchText {
  /// Lines that may sit between `diff --git` and `---` in a git patch.
  private static let extendedHeaders = [
    "index ", "old mode ", "new mode ", "deleted file mode ", "new file mode ", "similarity index ",
    "dissimilarity index ", "rename from ", "rename to ", "copy from ", "copy to ",
  ]

  /// The git-form equivalent of `patch`, every byte of its file content kept as it was.
  ///
  /// - Parameter patch: A unified diff in git or traditional form, in any encoding.
  /// - Returns: The same changes as a patch whose every file starts with `diff --git`, ending in a newline.
  package static func normalized(_ patch: [UInt8]) -> [UInt8] {
    ByteText.bytes(normalized(byteText: ByteText.text(patch)))
  }

  /// The git-form equivalent of `text` (a patch written as Unicode text, e.g. by a model).
  ///
  /// - Parameter text: A unified diff in git or traditional form.
  /// - Returns: The same changes as a patch whose every file starts with `diff --git`, ending in a newline.
  package static func normalized(_ text: String) -> String {
    String(decoding: normalized(Array(text.utf8)), as: UTF8.self)
  }

  /// ``normalized(_:)-([UInt8])`` on a ``ByteText`` view of the patch.
  static func normalized(byteText text: String) -> String {
    var lines = splitLines(text)
    if lines.last == "" { lines.removeLast() }
    var output: [String] = []
    output.reserveCapacity(lines.count + 8)
    var section: GitSection?
    var index = 0
    while index < lines.count {
      let line = lines[index]
      if line.hasPrefix("diff --git ") {
        section?.finish(into: &output)
        let header = quotingSpaces(line, following: lines[(index + 1)...])
        output.append(header)
        section = GitSection(diffLine: header, headerEnd: output.count)
        index += 1
        continue
      }
      if line.hasPrefix("--- "), index + 1 < lines.count, lines[index + 1].hasPrefix("+++ ") {
        if section != nil {
          // git ends a name containing a space with a tab, which libgit2 takes as part of it.
          output.append(quotingName(trimmingTab(line)))
          output.append(quotingName(trimmingTab(lines[index + 1])))
          section?.hasBody = true
        } else {
          output.append(contentsOf: gitHeader(old: line, new: lines[index + 1]))
        }
        index += 2
        index = copyHunks(lines, from: index, into: &output)
        section?.finish(into: &output)
        section = nil
        continue
      }
      if var current = section {
        if line.hasPrefix("GIT binary patch") || line.hasPrefix("Binary files ") {
          current.hasBody = true
        } else if extendedHeaders.contains(where: line.hasPrefix), !current.hasBody {
          current.isNew = current.isNew || line.hasPrefix("new file mode ")
          current.isDeleted = current.isDeleted || line.hasPrefix("deleted file mode ")
          current.headerEnd = output.count + 1
        }
        section = current
      }
      output.append(line)
      index += 1
    }
    section?.finish(into: &output)
    guard !output.isEmpty else { return "" }
    return output.joined(separator: "\n") + "\n"
  }

  /// One `diff --git` file section being copied, to repair header-only empty-file sections.
  private struct GitSection {
    var diffLine: String
    var headerEnd: Int
    var isNew = false
    var isDeleted = false
    var hasBody = false

    init(diffLine: String, headerEnd: Int) {
      self.diffLine = diffLine
      self.headerEnd = headerEnd
    }

    /// git writes a new or deleted *empty* file as headers only, which libgit2 1.5 rejects
    /// ("unexpected header line"); it accepts the same change with `---`/`+++` lines added.
    func finish(into output: inout [String]) {
      guard !hasBody, isNew != isDeleted else { return }
      let names = diffLine.dropFirst("diff --git ".count)
      guard names.count % 2 == 1 else { return }
      let half = (names.count - 1) / 2
      let old = String(names.prefix(half))
      let new = String(names.suffix(half))
      let lines = isNew ? ["--- /dev/null", "+++ " + new] : ["--- " + old, "+++ /dev/null"]
      output.insert(contentsOf: lines, at: min(headerEnd, output.count))
    }
  }

  /// `diff --git a/x y b/x y` in quoted form: libgit2 1.5 splits unquoted names at spaces.
  ///
  /// The names come from the line itself when both sides are equal, or else from the
  /// `rename`/`copy` `from`/`to` headers that follow.
  private static func quotingSpaces(_ line: String, following: ArraySlice<String>) -> String {
    let names = line.dropFirst("diff --git ".count)
    guard !names.hasPrefix("\""), names.filter({ $0 == " " }).count > 1 else { return line }
    var old: String?
    var new: String?
    if names.count % 2 == 1 {
      let half = (names.count - 1) / 2
      let left = names.prefix(half)
      let right = names.suffix(half)
      if left.hasPrefix("a/"), right.hasPrefix("b/"), left.dropFirst(2) == right.dropFirst(2) {
        old = String(left)
        new = String(right)
      }
    }
    if old == nil {
      for next in following.prefix(while: { !$0.hasPrefix("diff --git ") && !$0.hasPrefix("@@") }) {
        for marker in ["rename from ", "copy from "] where next.hasPrefix(marker) {
          old = "a/" + next.dropFirst(marker.count)
        }
        for marker in ["rename to ", "copy to "] where next.hasPrefix(marker) {
          new = "b/" + next.dropFirst(marker.count)
        }
      }
    }
    guard let old, let new, !old.hasPrefix("a/\""), !new.hasPrefix("b/\"") else { return line }
    return "diff --git \(quoted(old)) \(quoted(new))"
  }

  /// A `---`/`+++` line with its name quoted when it holds a space (see ``quotingSpaces``).
  private static func quotingName(_ line: String) -> String {
    let name = line.dropFirst(4)
    guard name.contains(" "), !name.hasPrefix("\"") else { return line }
    return line.prefix(4) + quoted(String(name))
  }

  private static func quoted(_ name: String) -> String {
    var result = "\""
    for character in name {
      if character == "\\" || character == "\"" { result.append("\\") }
      result.append(character)
    }
    return result + "\""
  }

  /// The lines of `text`, split at every `\n` byte.
  ///
  /// `String.split(separator: "\n")` would not split CRLF text: `"\r\n"` is one `Character`.
  static func splitLines(_ text: String) -> [String] {
    text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  private static func trimmingTab(_ line: String) -> String {
    line.hasSuffix("\t") ? String(line.dropLast()) : line
  }

  /// Copies the hunks starting at `start`, each by its line counts; returns the next line's index.
  private static func copyHunks(_ lines: [String], from start: Int, into output: inout [String])
    -> Int
  {
    var index = start
    while index < lines.count, let counts = hunkCounts(lines[index]) {
      output.append(lines[index])
      index += 1
      var old = counts.old
      var new = counts.new
      while index < lines.count, old > 0 || new > 0 {
        let line = lines[index]
        switch line.first {
        case " ", "\r", nil:
          old -= 1
          new -= 1
          output.append(line.first == " " ? line : " " + line)
        case "-":
          old -= 1
          output.append(line)
        case "+":
          new -= 1
          output.append(line)
        case "\\":
          output.append(line)
        default:
          return index  // malformed: leave the rest for libgit2 to report
        }
        index += 1
      }
      while index < lines.count, lines[index].hasPrefix("\\") {
        output.append(lines[index])
        index += 1
      }
    }
    return index
  }

  /// The old and new line counts of an `@@ -a[,b] +c[,d] @@` header, or `nil` for another line.
  static func hunkCounts(_ line: String) -> (old: Int, new: Int)? {
    guard line.hasPrefix("@@ -") else { return nil }
    let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
    guard fields.count >= 3, fields[1].hasPrefix("-"), fields[2].hasPrefix("+") else { return nil }
    func count(_ field: Substring) -> Int? {
      let parts = field.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
      guard let first = parts.first, Int(first) != nil else { return nil }
      return parts.count > 1 ? Int(parts[1]) : 1
    }
    guard let old = count(fields[1]), let new = count(fields[2]) else { return nil }
    return (old, new)
  }

  /// A `diff --git` header (and rewritten `---`/`+++` lines) for a traditional diff's file.
  private static func gitHeader(old: String, new: String) -> [String] {
    var oldName = name(old)
    var newName = name(new)
    let isNew = oldName == "/dev/null"
    let isDeleted = newName == "/dev/null"
    // Strip one leading component, as `git apply -p1` does, when both sides have one.
    if (isNew || oldName.contains("/")) && (isDeleted || newName.contains("/")) {
      if !isNew { oldName = stripFirstComponent(oldName) }
      if !isDeleted { newName = stripFirstComponent(newName) }
    }
    if isNew { oldName = newName }
    if isDeleted { newName = oldName }
    var header = ["diff --git a/\(oldName) b/\(newName)"]
    if isNew { header.append("new file mode 100644") }
    if isDeleted { header.append("deleted file mode 100644") }
    header.append(isNew ? "--- /dev/null" : "--- a/\(oldName)")
    header.append(isDeleted ? "+++ /dev/null" : "+++ b/\(newName)")
    return header
  }

  /// The path of a `---`/`+++` line, without the marker or a trailing tab-separated timestamp.
  static func name(_ line: String) -> String {
    let rest = line.dropFirst(4)
    let path = rest.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false).first
    return String(path ?? rest).trimmingTrailingCarriageReturn()
  }

  private static func stripFirstComponent(_ path: String) -> String {
    guard let slash = path.firstIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }
}

extension String {
  fileprivate func trimmingTrailingCarriageReturn() -> String {
    hasSuffix("\r") ? String(dropLast()) : self
  }
}
