import AssistKit
import AssistTesting
import Foundation
import HTTP
import Synchronization
import Testing

/// The arbiter path: the real arbiter agent over real HTTP to a scripted model server.
@Suite struct ArbiterTests {
  /// Refuses every call, as a budget cap does.
  struct RefusingBilling: CallBilling {
    func reserve(tier: Tier, subtask: String, agent: String, promptTokens: Int, maxTokens: Int)
      async throws -> BillingTicket?
    {
      throw BudgetExceeded(message: "the per-task cap of $0.01 would be crossed")
    }
    func settle(_ ticket: BillingTicket, usage: Usage?) async {}
  }

  let fixture: ReconcileFixture
  let a: SubtaskResult
  let b: SubtaskResult

  init() throws {
    fixture = try ReconcileFixture(["f.txt": numbered()])
    a = fixture.result(
      "s1", ["f.txt": numbered(30, [10: "ten by s1"])], reply: "ASSUMPTION cache: on write")
    b = fixture.result(
      "s2", ["f.txt": numbered(30, [10: "ten by s2", 28: "t28"])], reply: "ASSUMPTION units: ms")
  }

  func arbiter(_ server: ScriptedModelServer, billing: (any CallBilling)? = nil) throws
    -> ModelArbiter
  {
    let agent = try AgentLibrary(folders: [projectRoot + "/agents"]).agent(for: .arbiter)
    return ModelArbiter(
      client: ModelClient(transport: try CurlTransport(), variables: [:]),
      tier: Tier(
        name: "local-medium", model: "m", endpoints: [server.url],
        price: .init(input: 1, output: 2)),
      agent: agent, billing: billing)
  }

  @Test func aConflictNoRuleSettlesIsArbitratedAndItsCostRecorded() async throws {
    let settled = numbered(30, [10: "ten by both", 28: "t28"])
    let server = try ScriptedModelServer(replies: [
      "DECISION: keep s2's line, reworded\nf.txt\n```\n\(settled)```\n"
    ])
    let tested = Mutex<[String]>([])
    let reconciler = Reconciler(
      arbiter: try arbiter(server),
      candidateTests: { files in
        let line = (files["f.txt"] ?? nil).map { LineHunks.lines($0)[9] } ?? "-"
        tested.withLock { $0.append(String(line)) }
        return "1 passed (\(line))"
      })
    let proposal = try await fixture.reconcile([a, b], reconciler: reconciler)
    let conflict = try #require(proposal.conflicts.first { $0.kind == "textual" })
    #expect(conflict.resolution == "arbitrated")
    #expect(conflict.detail.contains("keep s2's line, reworded"))
    #expect(conflict.arbiterTokens > 400)
    #expect(conflict.arbiterCost > 0)
    #expect(try fixture.final(proposal, "f.txt") == settled)
    #expect(proposal.hunks.contains { $0.provenance.agent == "arbiter" })
    // The arbiter saw the original, both versions, the assumptions and both test results.
    #expect(server.requests.count == 1)
    let prompt = server.messages(ofRequest: 0).last?["content"] ?? ""
    for expected in [
      "ten by s1", "ten by s2", "Assumes cache: on write", "Assumes units: ms",
      "Tests with this version: 1 passed (ten by s1)",
      "Tests with this version: 1 passed (ten by s2)",
    ] {
      #expect(prompt.contains(expected), "\(expected)")
    }
    #expect(tested.withLock { $0 } == ["ten by s1", "ten by s2"])
    try fixture.expectApplies(proposal)
  }

  @Test func anArbiterThatWritesNoFileLeavesItForTheHumanWithItsCost() async throws {
    let server = try ScriptedModelServer(replies: ["DECISION: I cannot tell which is right."])
    let proposal = try await fixture.reconcile(
      [a, b], reconciler: Reconciler(arbiter: try arbiter(server)))
    let conflict = try #require(proposal.conflicts.first)
    #expect(conflict.resolution == "left for the human")
    #expect(
      conflict.detail.contains(
        "I cannot tell which is right. (it did not write every file of the conflict)"))
    #expect(conflict.detail.contains("+ten by s2"))
    #expect(conflict.arbiterTokens > 0)
    #expect(try fixture.final(proposal, "f.txt") == numbered(30, [10: "ten by s1", 28: "t28"]))
  }

  @Test func aBudgetCapStopsTheArbiterBeforeItIsCalled() async throws {
    let server = try ScriptedModelServer(replies: ["unused"])
    let proposal = try await fixture.reconcile(
      [a, b], reconciler: Reconciler(arbiter: try arbiter(server, billing: RefusingBilling())))
    #expect(server.requests.isEmpty)
    let conflict = try #require(proposal.conflicts.first)
    #expect(conflict.resolution == "left for the human")
    #expect(conflict.detail.contains("not asked: the per-task cap of $0.01 would be crossed"))
    #expect(conflict.arbiterCost == 0)
  }

  @Test func disjointAndRuleSettledConflictsNeverCallTheArbiter() async throws {
    let server = try ScriptedModelServer(replies: ["unused"])
    let c = fixture.result("s3", kind: .design, ["f.txt": numbered(30, [10: "ten by design"])])
    let proposal = try await fixture.reconcile(
      [a, c],
      reconciler: Reconciler(
        rule: ReconcileRule(precedence: ["design"]), arbiter: try arbiter(server)))
    #expect(server.requests.isEmpty)
    #expect(proposal.conflicts.map(\.resolution) == ["settled: precedence: design over migration"])
  }

  @Test func aMalformedStoredConflictStillDecodesFromTheOldShape() throws {
    let old =
      #"{"kind":"textual","files":["f"],"subtasks":["a","b"],"resolution":"merged","detail":"d"}"#
    let conflict = try JSONDecoder().decode(ProposalConflict.self, from: Data(old.utf8))
    #expect(conflict.lines.isEmpty && conflict.arbiterTokens == 0)
    let bad = #"{"kind":"textual","files":"f"}"#
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(ProposalConflict.self, from: Data(bad.utf8))
    }
  }
}
