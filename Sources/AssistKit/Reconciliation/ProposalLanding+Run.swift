internal import Foundation
internal import Git

extension ProposalLanding {
  /// Lands a stored run's proposal and records it: decisions saved, run marked applied.
  /// - Parameters:
  ///   - proposal: The proposal to land (its decisions are saved back).
  ///   - environment: Paths and store location.
  ///   - placement: Where the first commit goes.
  ///   - squash: One commit for everything.
  ///   - includePending: Treat undecided hunks as accepted.
  /// - Throws: What the workspace refuses; the store's errors.
  package static func land(
    _ proposal: Proposal, environment: Environment, placement: Placement, squash: Bool = false,
    includePending: Bool = false
  ) async throws -> Outcome {
    let runs = RunStore(try Store(path: environment.paths.storePath))
    var run = try runs.run(proposal.runID)
    let workspace = try Workspace(at: run.repository)
    var trailers: [Trailer] = []
    if let verification = proposal.verification, verification.candidatePassed {
      trailers.append(Trailer("Assist-Verified", "\(verification.command) passed"))
    }
    let outcome = try await land(
      proposal, workspace: workspace, placement: placement, squash: squash,
      includePending: includePending,
      trailers: trailers)
    var decided = proposal
    for i in decided.hunks.indices where decided.hunks[i].decision == .pending && includePending {
      decided.hunks[i].decision = .accepted
    }
    try runs.save(decided)
    run.status = .applied
    run.detail = outcome.commits.map { "\($0.branch ?? "HEAD") \($0.commit.short)" }.joined(
      separator: ", ")
    try runs.save(run)
    return outcome
  }
}
