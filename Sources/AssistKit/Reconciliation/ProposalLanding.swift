package import Git

/// Lands a proposal's accepted hunks through the ``Workspace``: one commit per sub-task (or one
/// for all), each with assist's trailers, on `assist/<run>` or the current branch.
package enum ProposalLanding {
  /// The commits each step made.
  package struct Outcome: Sendable, Equatable {
    /// Commits in order.
    package var commits: [LandedChange]
    /// Hunks applied.
    package var hunks: Int
  }

  /// Composes the accepted hunks into per-sub-task patches and commits them in order.
  /// - Parameters:
  ///   - proposal: The proposal (decisions included).
  ///   - workspace: The repository's single owner.
  ///   - placement: Where the first commit goes.
  ///   - squash: One commit for everything.
  ///   - includePending: Treat undecided hunks as accepted (`assist task --apply`, `--accept-all`).
  ///   - trailers: Extra trailers (`Assist-Verified`).
  /// - Throws: ``WorkspaceError`` when the tree refuses (dirty files, moved base); ``HunkApplier/Mismatch``.
  package static func land(
    _ proposal: Proposal, workspace: Workspace, placement: Placement, squash: Bool = false,
    includePending: Bool = false, trailers: [Trailer] = []
  ) async throws -> Outcome {
    let chosen = proposal.hunks.filter {
      $0.decision == .accepted || (includePending && $0.decision == .pending)
    }
    guard !chosen.isEmpty else { throw LandingError.nothingAccepted }
    var groups: [[ProposalHunk]] = []
    if squash {
      groups = [chosen]
    } else {
      var order: [String] = []
      for hunk in chosen where !order.contains(hunk.provenance.subtask) {
        order.append(hunk.provenance.subtask)
      }
      groups = order.map { id in chosen.filter { $0.provenance.subtask == id } }
    }
    var base: [String: String?] = [:]
    for path in Set(chosen.map(\.path)) {
      base[path] = try await workspace.blob(at: path, in: proposal.baseCommit)
        .map { String(decoding: $0, as: UTF8.self) }
    }
    var current = base
    var applied: [ProposalHunk] = []
    var commits: [LandedChange] = []
    for (k, group) in groups.enumerated() {
      applied += group
      var patch = ""
      for path in Set(group.map(\.path)).sorted() {
        let hunks = applied.filter { $0.path == path }.map(\.diff)
        let next = try HunkApplier.apply(hunks, to: base[path] ?? nil, path: path)
        patch += try TextDiff.patch(old: current[path] ?? nil, new: next, path: path)
        current[path] = next
      }
      guard !patch.isEmpty else { continue }
      let first = group[0].provenance
      let subject =
        squash ? "assist: \(proposal.task)" : "assist: \(proposal.task) [\(first.subtask)]"
      let metadata = CommitMetadata(
        runID: proposal.runID, message: Self.subject(subject),
        agent: squash ? nil : first.agent, model: squash ? nil : first.model,
        tier: squash ? nil : first.tier,
        costUSD: squash ? group.reduce(0) { $0 + $1.provenance.cost } : first.cost,
        extraTrailers: trailers)
      commits.append(
        try await workspace.apply(
          patch: patch, metadata: metadata, placement: k == 0 ? placement : .currentBranch))
    }
    return Outcome(commits: commits, hunks: chosen.count)
  }

  private static func subject(_ text: String) -> String {
    let line = text.split(separator: "\n").first.map(String.init) ?? text
    return line.count > 72 ? String(line.prefix(69)) + "..." : line
  }
}

/// Why a proposal cannot land.
package enum LandingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No hunk is accepted.
  case nothingAccepted

  package var description: String {
    switch self {
    case .nothingAccepted:
      "no hunk is accepted; review the proposal first (assist review) or use --accept-all"
    }
  }
}
