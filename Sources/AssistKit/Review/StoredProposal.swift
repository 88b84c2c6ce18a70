internal import Git

/// The stored-proposal commands' shared steps: find the run to review, land its accepted hunks
/// after re-checking them against HEAD, or reject it.
package enum StoredProposal {
  /// The newest run in `repository` whose proposal still has undecided hunks.
  /// - Parameters:
  ///   - runs: The store.
  ///   - repository: The work tree's root.
  /// - Returns: The run.
  /// - Throws: ``ReviewError/nothingToReview(_:)`` when there is none; the store's errors.
  package static func latestPending(runs: RunStore, repository: String) throws -> RunRecord {
    for run in try runs.runs(limit: 50, repository: repository, status: .proposed) {
      if let proposal = try runs.proposal(run.id),
        proposal.hunks.contains(where: { $0.decision == .pending })
      {
        return run
      }
    }
    throw ReviewError.nothingToReview(repository)
  }

  /// The run with `id` (or a unique prefix) and its proposal.
  /// - Parameters:
  ///   - id: A run id or prefix.
  ///   - runs: The store.
  /// - Returns: Both.
  /// - Throws: ``StoreError/notFound(_:)``, ``ReviewError/noProposal(_:)``.
  package static func load(_ id: String, runs: RunStore) throws -> (RunRecord, Proposal) {
    let run = try runs.run(id)
    guard let proposal = try runs.proposal(run.id) else { throw ReviewError.noProposal(run.id) }
    return (run, proposal)
  }

  /// Lands the accepted hunks of run `id` and records it (decisions saved, run applied).
  ///
  /// When the user committed since the proposal was made, every chosen hunk is first checked
  /// against HEAD; if any no longer applies, nothing is written and the error lists them.
  /// - Parameters:
  ///   - id: A run id or prefix.
  ///   - runs: The store.
  ///   - placement: A new branch (`assist/<id>` by default) or the current branch.
  ///   - squash: One commit instead of one per sub-task.
  ///   - acceptAll: Treat undecided hunks as accepted.
  /// - Returns: The commits made.
  /// - Throws: ``ReviewError``, ``LandingError``, ``WorkspaceError``; the store's errors.
  package static func land(
    _ id: String, runs: RunStore, placement: Placement, squash: Bool = false,
    acceptAll: Bool = false
  ) async throws -> ProposalLanding.Outcome {
    var (run, proposal) = try load(id, runs: runs)
    try refuseFinished(run)
    let workspace = try Workspace(at: run.repository)
    let check = try await BaseCheck.run(proposal, workspace: workspace)
    let chosen = proposal.hunks.indices.filter {
      proposal.hunks[$0].decision == .accepted
        || (acceptAll && proposal.hunks[$0].decision == .pending)
    }
    let stale = chosen.compactMap { i in
      check.stale[i].map {
        ReviewError.StaleHunk(number: i + 1, path: proposal.hunks[i].path, reason: $0)
      }
    }
    guard stale.isEmpty else { throw ReviewError.staleHunks(run: run.id, hunks: stale) }
    guard !chosen.isEmpty else { throw LandingError.nothingAccepted }
    // Landing commits one sub-task at a time; check the whole change first so that a refusal
    // (a dirty file, an unsafe path) comes before the first commit, not between two.
    let landing = check.rebased
    try await preflight(chosen.map { landing.hunks[$0] }, base: landing.baseCommit, in: workspace)
    var trailers: [Trailer] = []
    if let verification = proposal.verification, verification.candidatePassed {
      trailers.append(Trailer("Assist-Verified", "\(verification.command) passed"))
    }
    let outcome = try await ProposalLanding.land(
      landing, workspace: workspace, placement: placement, squash: squash,
      includePending: acceptAll, trailers: trailers)
    if acceptAll {
      for i in proposal.hunks.indices where proposal.hunks[i].decision == .pending {
        proposal.hunks[i].decision = .accepted
      }
    }
    try runs.save(proposal)
    run.status = .applied
    run.detail = outcome.commits.map { "\($0.branch ?? "HEAD") \($0.commit.short)" }
      .joined(separator: ", ")
    try runs.save(run)
    return outcome
  }

  /// Refuses, before anything is written, a change the workspace would refuse part-way.
  private static func preflight(_ hunks: [ProposalHunk], base: String, in workspace: Workspace)
    async throws
  {
    var patch = ""
    for path in Set(hunks.map(\.path)).sorted() {
      let old = try await workspace.blob(at: path, in: base).map {
        String(decoding: $0, as: UTF8.self)
      }
      let new = try HunkApplier.apply(
        hunks.filter { $0.path == path }.map(\.diff), to: old, path: path)
      patch += try TextDiff.patch(old: old, new: new, path: path)
    }
    guard !patch.isEmpty else { return }
    if let error = try await workspace.check(patch: patch).error { throw error }
  }

  /// Marks run `id` rejected; its proposal stays in the store for history.
  /// - Parameters:
  ///   - id: A run id or prefix.
  ///   - runs: The store.
  /// - Returns: The updated run.
  /// - Throws: ``ReviewError/alreadyApplied(_:)``; the store's errors.
  package static func reject(_ id: String, runs: RunStore) throws -> RunRecord {
    var run = try runs.run(id)
    if run.status == .applied { throw ReviewError.alreadyApplied(run.id) }
    run.status = .rejected
    try runs.save(run)
    return run
  }

  /// Refuses a run that was applied or rejected already.
  /// - Parameter run: The run.
  /// - Throws: ``ReviewError/alreadyApplied(_:)`` or ``ReviewError/rejected(_:)``.
  package static func refuseFinished(_ run: RunRecord) throws {
    switch run.status {
    case .applied: throw ReviewError.alreadyApplied(run.id)
    case .rejected: throw ReviewError.rejected(run.id)
    default: break
    }
  }
}
