import AssistKit
import AssistTesting
import Testing

@Suite struct ReviewSessionTests {
  private func proposal(_ paths: [String]) -> Proposal {
    let provenance = Provenance(
      subtask: "s1", agent: "migrator", tier: "local-small", model: "m", tokens: 10, cost: 0)
    return Proposal(
      runID: "r1", task: "t", baseCommit: "c",
      hunks: paths.enumerated().map {
        ProposalHunk(
          index: $0.offset, path: $0.element, diff: "@@ -1 +1 @@\n-a\n+b\n", provenance: provenance)
      })
  }

  @Test func decisionsMoveTheCursorAndSkipLeavesAHunkPending() {
    var session = ReviewSession(proposal: proposal(["a", "a", "b"]))
    #expect(session.current == 0)
    #expect(session.handle(.accept) == .moved)
    #expect(session.handle(.skip) == .moved)
    #expect(session.current == 2)
    #expect(session.handle(.reject) == .finished)
    #expect(session.current == nil)
    #expect(session.proposal.hunks.map(\.decision) == [.accepted, .pending, .rejected])
    #expect(session.tally == ReviewSession.Tally(accepted: 1, rejected: 1, pending: 1))
  }

  @Test func aResumedSessionStartsAtTheFirstUndecidedHunk() {
    var first = ReviewSession(proposal: proposal(["a", "a", "b"]))
    _ = first.handle(.reject)
    #expect(first.handle(.quit) == .quit)
    let resumed = ReviewSession(proposal: first.proposal)
    #expect(resumed.current == 1)
  }

  @Test func restOfFileDecidesOnlyThatFilesUndecidedHunks() {
    var session = ReviewSession(proposal: proposal(["a", "a", "a", "b"]))
    _ = session.handle(.skip)
    #expect(session.handle(.rejectRestOfFile) == .moved)
    #expect(session.current == 3)
    #expect(session.proposal.hunks.map(\.decision) == [.pending, .rejected, .rejected, .pending])
    #expect(session.handle(.acceptRestOfFile) == .finished)
    #expect(session.proposal.hunks[3].decision == .accepted)
  }

  @Test func aHunkThatNoLongerAppliesCanOnlyBeRejectedOrSkipped() {
    var session = ReviewSession(proposal: proposal(["a", "a"]), stale: [0: "hunk did not apply"])
    guard case .refused(let why) = session.handle(.accept) else {
      Issue.record("accepting a stale hunk was not refused")
      return
    }
    #expect(why.contains("hunk did not apply"))
    guard case .refused = session.handle(.edit) else {
      Issue.record("editing a stale hunk was not refused")
      return
    }
    #expect(session.current == 0)
    // Accepting the rest of the file leaves the stale hunk undecided.
    #expect(session.handle(.acceptRestOfFile) == .finished)
    #expect(session.proposal.hunks.map(\.decision) == [.pending, .accepted])
  }

  @Test func keysMapCaseInsensitivelyAndUnknownKeysMapToNothing() {
    #expect(ReviewAction(key: "Y") == .accept)
    #expect(ReviewAction(key: "?") == .help)
    #expect(ReviewAction(key: "x") == nil)
  }
}
