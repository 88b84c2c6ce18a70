import AssistKit
import AssistTesting
import Foundation
import Testing

@Suite struct StoredProposalTests {
  private func decide(
    _ runs: RunStore, _ id: String, _ decisions: [ProposalHunk.Decision]
  ) throws {
    var proposal = try #require(try runs.proposal(id))
    for (i, decision) in decisions.enumerated() { proposal.hunks[i].decision = decision }
    try runs.save(proposal)
  }

  private func head(_ repository: TemporaryRepository) throws -> String {
    try repository.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test func aPartlyAcceptedProposalLandsOnlyItsAcceptedHunksOneCommitPerSubtask() async throws {
    let repository = try TemporaryRepository(files: ProposalFixture.repositoryFiles)
    try repository.write("notes.txt", "the user's own untracked file\n")
    let runs = try ProposalFixture.temporaryStore()
    let proposal = try ProposalFixture.threeHunks(in: repository, runs: runs)
    try decide(runs, proposal.runID, [.accepted, .rejected, .accepted])

    let outcome = try await StoredProposal.land(
      proposal.runID, runs: runs, placement: .currentBranch)
    #expect(outcome.hunks == 2)
    #expect(outcome.commits.count == 2)  // s1's hunk, then s2's
    let app = try #require(repository.read("app.py"))
    #expect(app.contains("value_2 = 20\n"))
    #expect(app.contains("value_26 = 26\n"))
    #expect(!app.contains("value_26b"))
    #expect(repository.read("util.py") == ProposalFixture.utilChanged)
    #expect(repository.read("notes.txt") == "the user's own untracked file\n")
    let log = try repository.git("log", "--format=%s%n%b")
    #expect(log.contains("assist: tidy the code [s1]"))
    #expect(log.contains("assist: tidy the code [s2]"))
    #expect(log.contains("Assist-Run: \(proposal.runID)"))
    #expect(try repository.git("status", "--porcelain") == "?? notes.txt\n")
    let run = try runs.run(proposal.runID)
    #expect(run.status == .applied)
    #expect(
      try runs.proposal(proposal.runID)?.hunks.map(\.decision) == [.accepted, .rejected, .accepted])

    await #expect(throws: ReviewError.alreadyApplied(proposal.runID)) {
      try await StoredProposal.land(proposal.runID, runs: runs, placement: .currentBranch)
    }
  }

  @Test func nothingAcceptedLandsNothingButAcceptAllLandsEveryHunkSquashed() async throws {
    let repository = try TemporaryRepository(files: ProposalFixture.repositoryFiles)
    let runs = try ProposalFixture.temporaryStore()
    let proposal = try ProposalFixture.threeHunks(in: repository, runs: runs)
    let before = try head(repository)
    await #expect(throws: LandingError.nothingAccepted) {
      try await StoredProposal.land(proposal.runID, runs: runs, placement: .currentBranch)
    }
    #expect(try head(repository) == before)
    let outcome = try await StoredProposal.land(
      String(proposal.runID.prefix(6)), runs: runs, placement: .newBranch(nil), squash: true,
      acceptAll: true)
    #expect(outcome.commits.count == 1)
    #expect(outcome.commits[0].branch == "assist/\(proposal.runID)")
    #expect(repository.read("app.py") == ProposalFixture.appChanged)
    #expect(
      try runs.proposal(proposal.runID)?.hunks.allSatisfy { $0.decision == .accepted } == true)
  }

  @Test func aMovedBaseFlagsTheHunksThatNoLongerApplyAndNeverForcesThem() async throws {
    let repository = try TemporaryRepository(files: ProposalFixture.repositoryFiles)
    let runs = try ProposalFixture.temporaryStore()
    let proposal = try ProposalFixture.threeHunks(in: repository, runs: runs)
    // The user commits a change to the very lines of hunk 1, and to an unrelated file.
    let mine = ProposalFixture.app.replacingOccurrences(of: "value_2 = 2\n", with: "value_2 = 7\n")
    try repository.write("app.py", mine)
    try repository.write("README", "hello\n")
    let userCommit = try repository.commitAll("user edit")

    let check = try await BaseCheck.run(proposal, workspace: try Workspace(at: repository.path))
    #expect(check.moved)
    #expect(check.head == userCommit)
    #expect(Set(check.stale.keys) == [0])
    #expect(check.summary(for: proposal)?.contains("1 hunk no longer applies") == true)

    try decide(runs, proposal.runID, [.accepted, .accepted, .accepted])
    let error = await #expect(throws: ReviewError.self) {
      try await StoredProposal.land(proposal.runID, runs: runs, placement: .currentBranch)
    }
    guard case .staleHunks(_, let hunks) = error else {
      Issue.record("expected staleHunks, got \(String(describing: error))")
      return
    }
    #expect(hunks.map(\.number) == [1])
    #expect(hunks[0].path == "app.py")
    #expect(!hunks[0].reason.isEmpty)
    #expect(try head(repository) == userCommit)
    #expect(repository.read("app.py") == mine)
    #expect(try runs.run(proposal.runID).status == .proposed)

    // Rejecting the stale hunk lets the rest land on top of the user's commit, which is kept.
    try decide(runs, proposal.runID, [.rejected, .accepted, .accepted])
    _ = try await StoredProposal.land(proposal.runID, runs: runs, placement: .currentBranch)
    let app = try #require(repository.read("app.py"))
    #expect(app.contains("value_2 = 7\n"))
    #expect(app.contains("value_26 = 260\nvalue_26b = 261\n"))
    #expect(repository.read("util.py") == ProposalFixture.utilChanged)
    #expect(try repository.git("log", "--format=%s").contains("user edit"))
  }

  @Test func lineShiftsAboveAHunkDoNotMakeItStale() async throws {
    let repository = try TemporaryRepository(files: ProposalFixture.repositoryFiles)
    let runs = try ProposalFixture.temporaryStore()
    let proposal = try ProposalFixture.threeHunks(in: repository, runs: runs)
    try repository.write("app.py", "# header\n# more\n" + ProposalFixture.app)
    try repository.commitAll("user adds a header")
    let check = try await BaseCheck.run(proposal, workspace: try Workspace(at: repository.path))
    #expect(check.moved)
    #expect(check.stale.isEmpty)
  }

  @Test func undoAfterApplyRestoresTheBaseAndKeepsTheHistory() async throws {
    let repository = try TemporaryRepository(files: ProposalFixture.repositoryFiles)
    let runs = try ProposalFixture.temporaryStore()
    let proposal = try ProposalFixture.threeHunks(in: repository, runs: runs)
    try decide(runs, proposal.runID, [.accepted, .accepted, .accepted])
    _ = try await StoredProposal.land(proposal.runID, runs: runs, placement: .currentBranch)
    #expect(repository.read("app.py") == ProposalFixture.appChanged)

    let undo = try await Workspace(at: repository.path).undo(runID: proposal.runID)
    #expect(undo.runID == proposal.runID)
    #expect(repository.read("app.py") == ProposalFixture.app)
    #expect(repository.read("util.py") == ProposalFixture.util)
    #expect(try repository.git("log", "--format=%s").split(separator: "\n").count == 4)
    #expect(try repository.git("status", "--porcelain").isEmpty)
  }

  @Test func undoRefusesOverLaterUserEditsAndLosesNothing() async throws {
    let repository = try TemporaryRepository(files: ProposalFixture.repositoryFiles)
    let runs = try ProposalFixture.temporaryStore()
    let proposal = try ProposalFixture.threeHunks(in: repository, runs: runs)
    try decide(runs, proposal.runID, [.accepted, .accepted, .rejected])
    _ = try await StoredProposal.land(proposal.runID, runs: runs, placement: .currentBranch)
    // A later commit by the user on the same lines.
    let edited = ProposalFixture.appChanged.replacingOccurrences(
      of: "value_2 = 20\n", with: "value_2 = 21\n")
    try repository.write("app.py", edited)
    let userCommit = try repository.commitAll("user tweaks value_2")
    let workspace = try Workspace(at: repository.path)
    await #expect(throws: WorkspaceError.undoConflicts(run: proposal.runID, paths: ["app.py"])) {
      try await workspace.undo(runID: proposal.runID)
    }
    #expect(try head(repository) == userCommit)
    #expect(repository.read("app.py") == edited)

    // Uncommitted edits to a landed file also stop it, and stay in the working tree.
    try repository.git("reset", "-q", "--hard", "HEAD~1")
    try repository.write("app.py", ProposalFixture.appChanged + "dirty = 1\n")
    await #expect(throws: WorkspaceError.uncommittedChanges(["app.py"])) {
      try await workspace.undo(runID: proposal.runID)
    }
    #expect(repository.read("app.py") == ProposalFixture.appChanged + "dirty = 1\n")
  }

  @Test func rejectingKeepsTheProposalAndBlocksApplying() async throws {
    let repository = try TemporaryRepository(files: ProposalFixture.repositoryFiles)
    let runs = try ProposalFixture.temporaryStore()
    let proposal = try ProposalFixture.threeHunks(in: repository, runs: runs)
    #expect(
      try StoredProposal.latestPending(runs: runs, repository: repository.path).id == proposal.runID
    )
    let run = try StoredProposal.reject(proposal.runID, runs: runs)
    #expect(run.status == .rejected)
    #expect(try runs.proposal(proposal.runID) == proposal)
    await #expect(throws: ReviewError.rejected(proposal.runID)) {
      try await StoredProposal.land(
        proposal.runID, runs: runs, placement: .currentBranch, acceptAll: true)
    }
    #expect(throws: ReviewError.nothingToReview(repository.path)) {
      try StoredProposal.latestPending(runs: runs, repository: repository.path)
    }
    #expect(repository.read("app.py") == ProposalFixture.app)
  }
}
