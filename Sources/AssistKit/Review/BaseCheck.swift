internal import Git

/// Whether a proposal still fits the repository. When the user committed since the proposal was
/// made (HEAD is no longer its base), every hunk is looked for in HEAD's version of its file:
/// found (at its place or moved by lines added or removed above it), it is carried over to HEAD;
/// not found, it is flagged with the reason and can only be rejected — never forced.
package struct BaseCheck: Sendable, Equatable {
  /// The commit HEAD points at (`nil` on an unborn branch).
  package var head: String?
  /// Whether HEAD differs from the proposal's base.
  package var moved: Bool
  /// Hunk position → why it no longer applies to HEAD.
  package var stale: [Int: String]
  /// The proposal carried over to HEAD: its base is HEAD and each hunk that still applies sits
  /// where HEAD has its lines (stale hunks are left as they were). The proposal itself when the
  /// base has not moved.
  package var rebased: Proposal

  /// Creates a result.
  package init(head: String?, moved: Bool, stale: [Int: String] = [:], rebased: Proposal) {
    self.head = head
    self.moved = moved
    self.stale = stale
    self.rebased = rebased
  }

  /// Checks `proposal` against the repository's HEAD; nothing is written.
  /// - Parameters:
  ///   - proposal: The proposal.
  ///   - workspace: Its repository.
  /// - Returns: Which hunks no longer apply (none when HEAD is still the base).
  /// - Throws: ``GitError`` when HEAD or a file at HEAD cannot be read.
  package static func run(_ proposal: Proposal, workspace: Workspace) async throws -> BaseCheck {
    let head = try await workspace.head().commit?.hex
    let moved =
      !(head.map { !proposal.baseCommit.isEmpty && $0.hasPrefix(proposal.baseCommit) }
      ?? false)
    guard moved else { return BaseCheck(head: head, moved: false, rebased: proposal) }
    var texts: [String: String?] = [:]
    for path in proposal.files {
      texts[path] =
        head == nil
        ? nil : try await workspace.blob(at: path).map { String(decoding: $0, as: UTF8.self) }
    }
    var rebased = proposal
    rebased.baseCommit = head ?? ""
    var stale: [Int: String] = [:]
    for (position, hunk) in proposal.hunks.enumerated() {
      switch HunkRelocation.relocate(hunk.diff, onto: texts[hunk.path] ?? nil, path: hunk.path) {
      case .success(let diff): rebased.hunks[position].diff = diff
      case .failure(let reason): stale[position] = reason.description
      }
    }
    return BaseCheck(head: head, moved: true, stale: stale, rebased: rebased)
  }

  /// A one-line account for the reviewer, or `nil` when the base has not moved.
  /// - Parameter proposal: The proposal checked.
  /// - Returns: The line.
  package func summary(for proposal: Proposal) -> String? {
    guard moved else { return nil }
    let base = String(proposal.baseCommit.prefix(7))
    let now = head.map { String($0.prefix(7)) } ?? "an unborn branch"
    let count = stale.count
    return "the base moved: the proposal was made on \(base), HEAD is now \(now); "
      + (count == 0
        ? "every hunk still applies"
        : "\(count) hunk\(count == 1 ? "" : "s") no longer appl\(count == 1 ? "ies" : "y") "
          + "(flagged; they can only be rejected)")
  }
}
