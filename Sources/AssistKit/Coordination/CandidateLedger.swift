internal import Git

/// Every candidate a sub-task has received, as fingerprints of its normalized change, so a round
/// that repeats an earlier answer (or changes nothing of substance) is known as a duplicate and the
/// next one is asked differently (``RetryRound``).
package struct CandidateLedger: Sendable {
  private var seen: Set<String> = []

  /// An empty ledger.
  package init() {}

  /// Records a candidate and says whether it adds nothing new: its normalized change was seen
  /// before in this sub-task (on any tier), or it changes nothing but blank lines and trailing
  /// spaces. A reply that parsed to no change is fingerprinted by its text.
  /// - Parameters:
  ///   - changes: The files the candidate would write (old → new).
  ///   - reply: The model's reply, for candidates with no change.
  package mutating func record(changes: [EditApplier.FileChange], reply: String) -> Bool {
    let changed = changes.filter { $0.old != $0.new }
    let fingerprint: String
    if changed.isEmpty {
      fingerprint = "reply\u{0}" + Self.normalized(reply).joined(separator: "\n")
    } else {
      fingerprint = changed.sorted { $0.path < $1.path }.map { change in
        change.path + "\u{0}"
          + (change.new.map { Self.normalized($0).joined(separator: "\n") } ?? "deleted")
      }.joined(separator: "\u{1}")
    }
    let repeated = !seen.insert(fingerprint).inserted
    let unchanged =
      !changes.isEmpty
      && changes.allSatisfy { Self.normalized($0.old ?? "") == Self.normalized($0.new ?? "") }
    return repeated || unchanged
  }

  /// The unified diff of a candidate, for feedback (``RetryStrategy/showFailure``), cut to
  /// `budget` characters.
  package static func diff(_ changes: [EditApplier.FileChange], budget: Int = 1_500) -> String {
    let text = changes.filter { $0.old != $0.new }.compactMap {
      try? TextDiff.patch(old: $0.old, new: $0.new, path: $0.path, contextLines: 2)
    }.joined()
    return text.count <= budget ? text : String(text.prefix(budget)) + "\n…"
  }

  /// Lines without trailing spaces, blank lines dropped; indentation kept (it is code in Python).
  private static func normalized(_ text: String) -> [Substring] {
    text.split(separator: "\n").map { line in
      line[
        ..<(line.lastIndex(where: { !$0.isWhitespace }).map(line.index(after:)) ?? line.startIndex)]
    }.filter { !$0.isEmpty }
  }
}
