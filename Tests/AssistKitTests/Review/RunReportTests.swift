import AssistKit
import AssistTesting
import Foundation
import Testing

@Suite struct RunReportTests {
  @Test func showTellsThePlanAttemptsEscalationsRoutingConflictsAndProposal() throws {
    let repository = try TemporaryRepository(files: ProposalFixture.repositoryFiles)
    let runs = try ProposalFixture.temporaryStore()
    var proposal = try ProposalFixture.threeHunks(in: repository, runs: runs)
    proposal.conflicts = [
      ProposalConflict(
        kind: "textual", files: ["app.py"], subtasks: ["s1", "s2"], resolution: "merged",
        detail: "disjoint edits merged three ways")
    ]
    proposal.hunks[0].decision = .accepted
    try runs.save(proposal)
    let plan = Plan(
      subtasks: [
        Subtask(id: "s1", kind: .migration, goal: "rename values", files: ["app.py"]),
        Subtask(id: "s2", kind: .design, goal: "new helper", files: ["util.py"], dependsOn: ["s1"]),
      ], origin: .planner)
    try runs.save(
      detail: RunDetail(
        runID: proposal.runID, plan: plan,
        subtasks: [
          .init(
            id: "s2", agent: "designer", status: "accepted", tier: "cloud", model: "claude-sonnet",
            attempts: [
              Attempt(
                tier: "local-small", model: "qwen", round: 0, format: "udiff", inputTokens: 900,
                outputTokens: 100, stage: "gate", detail: "unknown name helpr"),
              Attempt(
                tier: "cloud", model: "claude-sonnet", round: 0, format: "udiff", inputTokens: 800,
                outputTokens: 90, cost: 0.0123, stage: "accepted", detail: ""),
            ], detail: "")
        ]))
    let considered = """
      [{"tier": "local-small", "verdict": "chosen", "reason": "difficulty 2 fits"},
       {"tier": "cloud", "verdict": "escalation", "reason": "next rung"}]
      """
    try RoutingStore(store: runs.store).save(
      RoutingDecision(
        tier: "local-small", ladder: ["local-small", "cloud"],
        considered: try JSONDecoder().decode(
          [RoutingDecision.Consideration].self, from: Data(considered.utf8)),
        floorReason: "migration starts at the cheapest able tier"),
      request: RoutingRequest(kind: "design", difficulty: 2), runID: proposal.runID,
      subtaskID: "s2")

    let report = try RunReport("a1b2", runs: runs)
    let text = report.text(now: 1_000 + 7_200)
    #expect(text.contains("run a1b2c3d4e5f6  proposed  2h ago"))
    #expect(text.contains("plan (planner, 2 sub-tasks)"))
    #expect(text.contains("s2 [design] new helper (after s1)"))
    #expect(text.contains("escalated: local-small → cloud"))
    #expect(text.contains("local-small round 0: gate — unknown name helpr"))
    #expect(text.contains("s2 (design) → local-small; ladder local-small → cloud"))
    #expect(text.contains("local-small chosen: difficulty 2 fits"))
    #expect(text.contains("textual between s1, s2 in app.py: merged"))
    #expect(text.contains("3 hunks in 2 files (accepted 1, rejected 0, pending 2)"))
    #expect(text.contains("1. app.py +1 -1  accepted  s1 migrator local-small"))
    #expect(report.routing.map(\.decision.tier) == ["local-small"])
    #expect(report.detail?.subtasks.first?.escalations == ["cloud"])
    #expect(abs(report.savings - 0.05) < 1e-9)
  }

  @Test func aRunWithNothingStoredButItsRowStillShows() throws {
    let runs = try ProposalFixture.temporaryStore()
    try runs.save(
      RunRecord(
        id: "ffff00001111", createdAt: 10, repository: "/r", command: "task", task: "t",
        status: .failed, detail: "planner unreachable"))
    let report = try RunReport("ffff", runs: runs)
    #expect(report.proposal == nil && report.detail == nil && report.routing.isEmpty)
    let text = report.text(now: 40)
    #expect(text.contains("note: planner unreachable"))
    #expect(text.contains("no proposal"))
    #expect(throws: StoreError.self) { try RunReport("0000", runs: runs) }
  }
}
