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

  /// The git-form equivalent of `text`.
  ///
  /// - Parameter text: A unified diff in git or traditional form.
  /// - Returns: The same changes as a patch whose every file starts with `diff --git`, ending in a newline.
  package static func normalized(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    var output: [String] = []
    output.reserveCapacity(lines.count + 8)
    var inGitHeader = false
    var index = 0
    while index < lines.count {
      let line = lines[index]
      if line.hasPrefix("diff --git ") {
        inGitHeader = true
        output.append(line)
        index += 1
        continue
      }
      if line.hasPrefix("--- "), index + 1 < lines.count, lines[index + 1].hasPrefix("+++ ") {
        if inGitHeader {
          output.append(line)
          output.append(lines[index + 1])
        } else {
          output.append(contentsOf: gitHeader(old: line, new: lines[index + 1]))
        }
        index += 2
        index = copyHunks(lines, from: index, into: &output)
        inGitHeader = false
        continue
      }
      if inGitHeader, !extendedHeaders.contains(where: line.hasPrefix) { inGitHeader = false }
      output.append(line)
      index += 1
    }
    guard !output.isEmpty else { return "" }
    return output.joined(separator: "\n") + "\n"
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

  /// The paths exactly as the patch's file headers spell them (after the `a/`/`b/` prefix).
  ///
  /// libgit2 silently turns `a//etc/x` into `etc/x`; path rules must see what was written.
  /// - Parameter text: A unified diff.
  /// - Returns: Every path named by `---`, `+++`, `rename`/`copy from`/`to` headers, in order.
  package static func declaredPaths(in text: String) -> [String] {
    var paths: [String] = []
    var inHeader = false
    for line in normalized(text).split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("diff --git ") {
        inHeader = true
        continue
      }
      guard inHeader else { continue }
      if line.hasPrefix("@@") || line.hasPrefix("GIT binary patch")
        || line.hasPrefix("Binary files")
      {
        inHeader = false
        continue
      }
      for (marker, prefix) in [
        ("--- ", "a/"), ("+++ ", "b/"), ("rename from ", ""), ("rename to ", ""),
        ("copy from ", ""),
        ("copy to ", ""),
      ] where line.hasPrefix(marker) {
        var path = name(String(line))
        if marker.count > 4 { path = String(line.dropFirst(marker.count)) }
        if path.hasPrefix("\""), path.hasSuffix("\""), path.count >= 2 {
          path = String(path.dropFirst().dropLast())
        }
        if path == "/dev/null" { continue }
        if !prefix.isEmpty, path.hasPrefix(prefix) { path = String(path.dropFirst(prefix.count)) }
        paths.append(path)
      }
    }
    return paths
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
  private static func name(_ line: String) -> String {
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
