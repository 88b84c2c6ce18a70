import AssistKit
import Foundation
import Testing

@Suite struct RunStoreTests {
  func store() throws -> RunStore {
    RunStore(
      try Store(
        path: FileManager.default.temporaryDirectory.appendingPathComponent(
          "runs-\(UUID())/a.sqlite"
        ).path))
  }

  private let provenance = Provenance(
    subtask: "s1", agent: "migration", tier: "local-small", model: "qwen", tokens: 120, cost: 0)

  @Test func runsListNewestFirstAndResolveByUniquePrefix() throws {
    let runs = try store()
    try runs.save(
      RunRecord(
        id: "abc111", createdAt: 1, repository: "/r", command: "task", task: "one", status: .applied
      ))
    try runs.save(
      RunRecord(
        id: "abc222", createdAt: 2, repository: "/r", command: "task", task: "two",
        status: .proposed, cost: 0.5, counterfactualCost: 2))
    try runs.save(
      RunRecord(
        id: "def333", createdAt: 3, repository: "/other", command: "task", task: "three",
        status: .failed))
    #expect(try runs.runs().map(\.id) == ["def333", "abc222", "abc111"])
    #expect(try runs.runs(repository: "/r", status: .proposed).map(\.id) == ["abc222"])
    #expect(try runs.run("def").task == "three")
    #expect(try runs.run("abc222").savings == 1.5)
    #expect(throws: StoreError.self) { try runs.run("abc") }  // ambiguous
    #expect(throws: StoreError.notFound("run zzz")) { try runs.run("zzz") }
  }

  @Test func proposalsAndSpansRoundTrip() async throws {
    let runs = try store()
    try runs.save(
      RunRecord(
        id: "r1", createdAt: 1, repository: "/r", command: "task", task: "t", status: .proposed))
    var proposal = Proposal(
      runID: "r1", task: "t", baseCommit: "abc",
      hunks: [
        ProposalHunk(
          index: 0, path: "a.py", diff: "diff --git a/a.py b/a.py\n", provenance: provenance)
      ],
      findings: [Finding(provenance: provenance, text: "- unused: f")],
      assumptions: ["s1": ["cache": "on write"]])
    try runs.save(proposal)
    #expect(try runs.proposal("r1") == proposal)
    proposal.hunks[0].decision = .accepted
    try runs.save(proposal)
    #expect(try runs.proposal("r1")?.hunks[0].decision == .accepted)
    #expect(try runs.proposal("nope") == nil)

    let clock = ContinuousClock()
    let recorder = SpanRecorder(clock: clock)
    let outer = await recorder.begin(.subtask, subtask: "s1")
    let call = await recorder.begin(.call, parent: outer, subtask: "s1", tier: "local-small")
    await recorder.end(call) {
      $0.inputTokens = 100
      $0.outputTokens = 20
      $0.classification = .work
    }
    await recorder.end(outer)
    let spans = await recorder.all()
    try runs.save(spans: spans, runID: "r1")
    let loaded = try runs.spans("r1")
    #expect(loaded == spans)
    #expect(loaded[1].parent == outer)
    #expect(loaded[1].tokens == 120)
    #expect(loaded[0].end >= loaded[1].end)
  }
}

extension RunStoreTests {
  @Test func updatingARunKeepsItsProposalAndSpans() throws {
    let runs = try store()
    var run = RunRecord(
      id: "r9", createdAt: 1, repository: "/r", command: "task", task: "t", status: .running)
    try runs.save(run)
    try runs.save(Proposal(runID: "r9", task: "t", baseCommit: "c"))
    try runs.save(spans: [Span(id: 1, name: .run, start: 0, end: 1)], runID: "r9")
    run.status = .proposed
    run.cost = 0.25
    try runs.save(run)
    #expect(try runs.run("r9").status == .proposed)
    #expect(try runs.run("r9").cost == 0.25)
    #expect(try runs.proposal("r9") != nil)
    #expect(try runs.spans("r9").count == 1)
  }
}
