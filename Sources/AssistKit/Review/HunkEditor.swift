internal import Foundation

/// Turns a hunk into text for `$EDITOR` and the edited text back into a one-hunk patch, checked
/// against the base so that an edit which no longer fits is refused with the reason.
package enum HunkEditor {
  /// Why an edited hunk was not used.
  package enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file was emptied: the reviewer gave up on the edit.
    case emptied
    /// A line that is not context, addition, removal or comment.
    case badLine(Int, String)
    /// Nothing is added or removed any more.
    case noChange
    /// The edited hunk's old lines are not in the base file.
    case doesNotApply(String)

    package var description: String {
      switch self {
      case .emptied: "the edit was emptied; keeping the hunk as it was"
      case .badLine(let number, let line):
        "line \(number) of the edit does not start with ' ', '+' or '-': \(line.prefix(40))"
      case .noChange: "the edited hunk adds and removes nothing; keeping the hunk as it was"
      case .doesNotApply(let reason):
        "the edited hunk does not apply to the base (\(reason)); keeping the hunk as it was"
      }
    }
  }

  /// The text the reviewer edits: instructions as `#` comments, then the hunk's lines.
  /// - Parameters:
  ///   - hunk: The hunk.
  ///   - position: Its position, for the heading.
  ///   - total: How many hunks the proposal has.
  /// - Returns: The editor file's text.
  package static func editableText(_ hunk: ProposalHunk, position: Int, total: Int) -> String {
    let lines = hunk.diff.split(separator: "\n", omittingEmptySubsequences: false)
    let body = lines.drop { !$0.hasPrefix("@@") }.dropFirst()
    var text = """
      # Manual hunk edit: \(hunk.path), hunk \(position + 1) of \(total) (sub-task \(hunk.provenance.subtask)).
      # To drop a '-' line, make it a ' ' line (context). To drop a '+' line, delete it.
      # Lines starting with # are removed. Empty the file to keep the hunk as it was.
      # The edited hunk must still apply to the base; if it does not, the old one is kept.

      """
    text += body.joined(separator: "\n")
    if !text.hasSuffix("\n") { text += "\n" }
    return text
  }

  /// The edited text as a one-hunk patch, checked against the base.
  /// - Parameters:
  ///   - edited: What the editor saved.
  ///   - original: The hunk before editing.
  ///   - others: The file's other hunks (the edit must not collide with them).
  ///   - base: The file at the proposal's base commit, or `nil` if the proposal creates it.
  /// - Returns: The new one-hunk patch.
  /// - Throws: ``Failure`` with the reason the edit cannot be used.
  package static func patch(
    from edited: String, original: ProposalHunk, others: [ProposalHunk], base: String?
  ) throws(Failure) -> String {
    var body: [String] = []
    for line in edited.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("#") || line.hasPrefix("@@") { continue }
      body.append(String(line))
    }
    while body.last?.isEmpty == true { body.removeLast() }
    if body.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { throw .emptied }
    var oldCount = 0
    var newCount = 0
    for (i, line) in body.enumerated() {
      switch line.first {
      case " ", nil:
        oldCount += 1
        newCount += 1
        if line.isEmpty { body[i] = " " }
      case "-": oldCount += 1
      case "+": newCount += 1
      case "\\": continue
      default: throw .badLine(i + 1, line)
      }
    }
    guard body.contains(where: { $0.hasPrefix("+") || $0.hasPrefix("-") }) else {
      throw .noChange
    }
    let lines = original.diff.split(separator: "\n", omittingEmptySubsequences: false)
    let header = lines.prefix { !$0.hasPrefix("@@") }.map(String.init)
    let range = Self.range(lines.first { $0.hasPrefix("@@") }.map(String.init) ?? "")
    var oldStart = range.oldStart
    if oldCount == 0 && range.oldCount > 0 { oldStart -= 1 }
    if oldCount > 0 && range.oldCount == 0 { oldStart += 1 }
    let newStart = max(range.newStart, newCount == 0 ? 0 : 1)
    let at = "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@"
    let patch = (header + [at] + body).joined(separator: "\n") + "\n"
    do {
      _ = try HunkApplier.apply(others.map(\.diff) + [patch], to: base, path: original.path)
    } catch {
      throw .doesNotApply("\(error)")
    }
    return patch
  }

  private static func range(_ header: String) -> (
    oldStart: Int, oldCount: Int, newStart: Int, newCount: Int
  ) {
    let parts = header.split(separator: " ").dropFirst().prefix(2).map { part in
      part.dropFirst().split(separator: ",").map { Int($0) ?? 0 }
    }
    func value(_ i: Int, _ j: Int, _ fallback: Int) -> Int {
      i < parts.count && j < parts[i].count ? parts[i][j] : fallback
    }
    return (value(0, 0, 0), value(0, 1, 1), value(1, 0, 0), value(1, 1, 1))
  }
}
