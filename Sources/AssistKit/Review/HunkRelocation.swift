/// Finds a one-hunk patch's lines in a newer version of its file and rewrites its `@@` header to
/// point there — what `git apply` does with offsets, done here so that the check and the landing
/// agree exactly (both apply hunks by position with ``HunkApplier``).
package enum HunkRelocation {
  /// Why a hunk cannot be carried over.
  package enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The hunk creates a file that now exists.
    case fileExists(String)
    /// The hunk changes a file that is gone.
    case fileGone(String)
    /// The lines the hunk replaces (or its context) were changed.
    case linesChanged(String, header: String)
    /// The hunk changes the end of the file or deletes it, and the file grew since.
    case endMoved(String)
    /// The patch has no hunk.
    case malformed(String)

    package var description: String {
      switch self {
      case .fileExists(let path): "\(path) was created at HEAD since"
      case .fileGone(let path): "\(path) was deleted at HEAD since"
      case .linesChanged(let path, let header):
        "the lines of \(path) that hunk \(header) changes were edited since"
      case .endMoved(let path): "the end of \(path), which the hunk changes, moved since"
      case .malformed(let path): "the hunk of \(path) cannot be read"
      }
    }
  }

  /// `diff` re-pointed at where its old lines are in `text`.
  /// - Parameters:
  ///   - diff: A one-hunk patch with its file header.
  ///   - text: The file now, or `nil` if it does not exist.
  ///   - path: The file, for reasons.
  /// - Returns: The relocated patch, or why it cannot be.
  package static func relocate(_ diff: String, onto text: String?, path: String) -> Result<
    String, Failure
  > {
    var lines = diff.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let creates = lines.contains("--- /dev/null")
    let deletes = lines.contains("+++ /dev/null")
    if creates { return text == nil ? .success(diff) : .failure(.fileExists(path)) }
    guard let text else { return .failure(.fileGone(path)) }
    guard let at = lines.firstIndex(where: { $0.hasPrefix("@@") }) else {
      return .failure(.malformed(path))
    }
    let header = lines[at]
    let fields = header.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
    guard fields.count >= 3 else { return .failure(.malformed(path)) }
    let old = fields[1].dropFirst().split(separator: ",").map { Int($0) ?? 0 }
    let new = fields[2].dropFirst().split(separator: ",").map { Int($0) ?? 0 }
    let oldStart = old.first ?? 0
    let oldCount = old.count > 1 ? old[1] : 1
    let newStart = new.first ?? 0
    let newCount = new.count > 1 ? new[1] : 1
    var before: [String] = []
    var touchesEnd = false
    for line in lines[(at + 1)...] {
      switch line.first {
      case " ", "-": before.append(String(line.dropFirst()))
      case "\\": touchesEnd = true
      default: continue
      }
    }
    var current = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if current.last == "" { current.removeLast() }
    let original = max(oldStart - (oldCount == 0 ? 0 : 1), 0)
    let found: Int?
    if before.isEmpty {
      found = min(original, current.count)
    } else {
      let candidates =
        current.count >= before.count
        ? (0...(current.count - before.count)).filter {
          Array(current[$0..<$0 + before.count]) == before
        } : []
      found = candidates.min { abs($0 - original) < abs($1 - original) }
    }
    guard let found else { return .failure(.linesChanged(path, header: Self.range(header))) }
    if (touchesEnd || deletes) && found + before.count != current.count {
      return .failure(.endMoved(path))
    }
    let shift = found - original
    let rest = header.split(separator: "@@", maxSplits: 2, omittingEmptySubsequences: false)
    let trailer = rest.count > 2 ? String(rest[2]) : ""
    lines[at] =
      "@@ -\(oldStart + shift),\(oldCount) +\(newStart + shift),\(newCount) @@" + trailer
    return .success(lines.joined(separator: "\n"))
  }

  /// `-23,7 +23,8` from an `@@` line.
  private static func range(_ header: String) -> String {
    header.split(separator: " ").dropFirst().prefix(2).joined(separator: " ")
  }
}
