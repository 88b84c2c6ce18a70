/// The lines of one hunk (` ` context, `-` removed, `+` added), read as a search/replace pair:
/// context and removed lines are what to find; context and added lines are what to put there.
struct HunkBody {
  private(set) var search = ""
  private(set) var replacement = ""
  private(set) var changes = 0
  private(set) var lineCount = 0

  /// Whether the hunk has no lines yet.
  var isEmpty: Bool { lineCount == 0 }

  /// Adds one line if it is a hunk line; returns `false` (adding nothing) otherwise.
  ///
  /// An empty line counts as an empty context line: models often drop the space before it.
  /// `\ No newline at end of file` is accepted and ignored.
  mutating func add(_ raw: Substring) -> Bool {
    let line = raw.last == "\r" ? raw.dropLast() : raw
    guard let first = line.first else {
      search += "\n"
      replacement += "\n"
      lineCount += 1
      return true
    }
    let text = line.dropFirst()
    switch first {
    case " ":
      search += text + "\n"
      replacement += text + "\n"
    case "-":
      search += text + "\n"
      changes += 1
    case "+":
      replacement += text + "\n"
      changes += 1
    case "\\": return true
    default: return false
    }
    lineCount += 1
    return true
  }

  /// The hunk with its trailing empty context lines dropped (a blank line after a hunk is
  /// usually the gap before the reply's next paragraph, not a context line).
  func trimmingTrailingBlankContext(_ count: Int) -> HunkBody {
    var copy = self
    for _ in 0..<count where copy.search.hasSuffix("\n\n") && copy.replacement.hasSuffix("\n\n") {
      copy.search.removeLast()
      copy.replacement.removeLast()
      copy.lineCount -= 1
    }
    return copy
  }
}
