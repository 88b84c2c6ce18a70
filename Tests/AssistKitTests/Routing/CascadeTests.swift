import AssistKit
import Testing

@Suite struct CascadeTests {
  typealias F = RoutingFixtures
  let request = RoutingRequest(kind: "migration", difficulty: 1, promptTokens: 1000, maxTokens: 500)

  private func attempt(_ tier: String, gate: Bool, verify: Bool? = nil, cost: Double = 0)
    -> AttemptOutcome
  {
    .init(
      runID: "r1", subtaskID: "s1", kind: "migration", tier: tier, gatePassed: gate,
      verifyPassed: verify, cost: cost)
  }

  @Test func failuresEscalateUpTheLadderInOrderAndEveryAttemptIsBilledToTheSubtask() {
    let decision = Router().route(
      subtask: request, tiers: F.all, history: .init(), budget: .unlimited(), cooldowns: [])
    var cascade = Cascade(decision: decision)
    cascade.record(attempt("local-small", gate: false))
    #expect(
      cascade.next(tiers: F.all, request: request, budget: .unlimited(), cooldowns: [])
        == .escalate(tier: "local-medium", reasons: []))
    cascade.record(attempt("local-medium", gate: true, verify: false))
    #expect(
      cascade.next(tiers: F.all, request: request, budget: .unlimited(), cooldowns: [])
        == .escalate(tier: "cloud", reasons: []))
    cascade.record(attempt("cloud", gate: true, verify: true, cost: 0.0105))
    #expect(
      cascade.next(tiers: F.all, request: request, budget: .unlimited(), cooldowns: []) == .done)
    #expect(cascade.attempts.map(\.tier) == ["local-small", "local-medium", "cloud"])
    #expect(cascade.attempts.map(\.escalated) == [true, true, false])
    #expect(cascade.escalations == 2)
    #expect(cascade.billed == 0.0105)
  }

  @Test func aTierInCooldownIsSkippedWithAReason() {
    var cascade = Cascade(ladder: ["local-small", "local-medium", "cloud"])
    cascade.record(attempt("local-small", gate: false))
    #expect(
      cascade.next(
        tiers: F.all, request: request, budget: .unlimited(), cooldowns: ["local-medium"])
        == .escalate(
          tier: "cloud", reasons: ["local-medium skipped: in cooldown (its endpoints are failing)"])
    )
  }

  @Test func whenTheLadderRunsOutNoTierCouldDoIt() {
    var cascade = Cascade(ladder: ["local-small", "local-medium"])
    cascade.record(attempt("local-small", gate: false))
    cascade.record(attempt("local-medium", gate: true, verify: false))
    #expect(
      cascade.next(tiers: F.all, request: request, budget: .unlimited(), cooldowns: [])
        == .exhausted(
          reason:
            "no tier could do this: local-small failed the gate; local-medium failed the tests"))
  }

  @Test func anEscalationThatWouldCrossACapPauses() {
    var cascade = Cascade(ladder: ["local-small", "cloud"])
    cascade.record(attempt("local-small", gate: false))
    let budget = BudgetState(caps: .init(perTask: 0.01), runID: "r1", now: F.noon)
    guard
      case .paused(let pause) = cascade.next(
        tiers: F.all, request: request, budget: budget, cooldowns: [])
    else {
      Issue.record("expected a pause")
      return
    }
    #expect(pause.cap == .task(runID: "r1"))
    #expect(pause.requested == 0.0105)
    #expect(pause.resetsAt == nil)
    #expect(pause.description.hasSuffix("raise it with --budget"))
  }
}
