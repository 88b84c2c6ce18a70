import ArgumentParser
import AssistKit
import Foundation
import Git

/// `assist apply ID`: land a stored proposal's accepted hunks.
extension ApplyCommand {
  func validateProposal() throws {
    if id == nil && (squash || acceptAll) {
      throw ValidationError("--squash and --accept-all go with a run id")
    }
    if id != nil && message != nil {
      throw ValidationError("--message goes with --patch or --edits; a run's commits name its task")
    }
  }

  func runProposal(_ id: String) async throws {
    let runs = try UserStore.open()
    if check {
      let (run, proposal) = try StoredProposal.load(id, runs: runs)
      let result = try await BaseCheck.run(proposal, workspace: try Workspace(at: run.repository))
      if json { return try Output.json(ReviewOutput(run: run, proposal: proposal, check: result)) }
      print(result.summary(for: proposal) ?? "the base has not moved; every hunk applies")
      for (i, reason) in result.stale.sorted(by: { $0.key < $1.key }) {
        print("  hunk \(i + 1) (\(proposal.hunks[i].path)): \(reason)")
      }
      if !result.stale.isEmpty { throw ExitCode.failure }
      return
    }
    let outcome = try await StoredProposal.land(
      id, runs: runs, placement: here ? .currentBranch : .newBranch(branch), squash: squash,
      acceptAll: acceptAll)
    if json {
      return try Output.json(
        ProposalLandedOutput(hunks: outcome.hunks, commits: outcome.commits.map(LandedOutput.init)))
    }
    for landed in outcome.commits {
      Self.note(landed)
      print(
        "applied run \(landed.runID) as \(landed.commit.short) on "
          + "\(landed.branch ?? "detached HEAD")")
      Self.printFiles(landed.files)
    }
    let runID = outcome.commits.first?.runID ?? id
    print(
      "\(outcome.hunks) hunk\(outcome.hunks == 1 ? "" : "s") in \(outcome.commits.count) "
        + "commit\(outcome.commits.count == 1 ? "" : "s"); undo with: assist undo \(runID)")
  }
}

/// The JSON shape of `assist apply ID`.
struct ProposalLandedOutput: Encodable {
  var hunks: Int
  var commits: [LandedOutput]
}
