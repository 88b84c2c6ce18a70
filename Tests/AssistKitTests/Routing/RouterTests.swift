import AssistKit
import Testing

@Suite struct RouterTests {
  typealias F = RoutingFixtures
  let router = Router(policy: RoutingPolicy(), unavailable: [:])

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var request: RoutingRequest
    var tier: String
    var ladder: [String]
    var testDescription: String { name }
  }

  static let table: [Case] = [
    Case(
      name: "easy migration starts cheapest and climbs every rung",
      request: .init(kind: "migration", difficulty: 1, files: 1, lines: 40, promptTokens: 800),
      tier: "local-small", ladder: ["local-small", "local-medium", "cloud"]),
    Case(
      name: "boilerplate at difficulty 2 stays cheapest",
      request: .init(kind: "boilerplate", difficulty: 2, files: 2, lines: 120, promptTokens: 1500),
      tier: "local-small", ladder: ["local-small", "local-medium", "cloud"]),
    Case(
      name: "difficulty 3 starts on the second tier",
      request: .init(kind: "migration", difficulty: 3, files: 2, lines: 100, promptTokens: 1500),
      tier: "local-medium", ladder: ["local-medium", "cloud", "local-small"]),
    Case(
      name: "design wants the strongest tier",
      request: .init(kind: "design", difficulty: 2, files: 2, lines: 100, promptTokens: 3000),
      tier: "cloud", ladder: ["cloud", "local-medium", "local-small"]),
    Case(
      name: "analysis wants the strongest tier",
      request: .init(kind: "analysis", difficulty: 1, files: 1, lines: 10, promptTokens: 500),
      tier: "cloud", ladder: ["cloud", "local-medium", "local-small"]),
    Case(
      name: "difficulty 4 needs the cloud",
      request: .init(kind: "migration", difficulty: 4, files: 1, lines: 10, promptTokens: 500),
      tier: "cloud", ladder: ["cloud", "local-medium", "local-small"]),
    Case(
      name: "many files raise the floor",
      request: .init(kind: "migration", difficulty: 1, files: 5, lines: 100, promptTokens: 3000),
      tier: "local-medium", ladder: ["local-medium", "cloud", "local-small"]),
    Case(
      name: "a huge scope needs the cloud",
      request: .init(kind: "migration", difficulty: 1, files: 3, lines: 2500, promptTokens: 3000),
      tier: "cloud", ladder: ["cloud", "local-medium", "local-small"]),
    Case(
      name: "renames start on the tier with enough bits and keep the 4-bit tiers as fallbacks",
      request: .init(kind: "rename", difficulty: 1, files: 2, lines: 60, promptTokens: 1200),
      tier: "cloud", ladder: ["cloud", "local-medium", "local-small"]),
    Case(
      name: "a prompt that overflows the local windows goes to the cloud",
      request: .init(
        kind: "migration", difficulty: 1, files: 1, lines: 300, promptTokens: 7800, maxTokens: 1024),
      tier: "cloud", ladder: ["cloud"]),
    Case(
      name: "prefer_tier overrides the kind's floor",
      request: .init(
        kind: "design", difficulty: 2, promptTokens: 1000, hints: .init(preferTier: "local-medium")),
      tier: "local-medium", ladder: ["local-medium", "cloud", "local-small"]),
    Case(
      name: "min_tier rules out cheaper tiers",
      request: .init(
        kind: "boilerplate", difficulty: 1, promptTokens: 1000,
        hints: .init(minTier: "local-medium")),
      tier: "local-medium", ladder: ["local-medium", "cloud"]),
    Case(
      name: "an unknown kind uses the default rule",
      request: .init(kind: "docs", difficulty: 1, promptTokens: 300),
      tier: "local-small", ladder: ["local-small", "local-medium", "cloud"]),
  ]

  @Test(arguments: table)
  func routesTheTableOfSubtasks(_ c: Case) {
    let decision = router.route(
      subtask: c.request, tiers: F.all, history: .init(), budget: .unlimited(), cooldowns: [])
    #expect(decision.tier == c.tier)
    #expect(decision.ladder == c.ladder)
    #expect(decision.considered.map(\.tier) == F.all.map(\.name))
    #expect(decision.cloudAbsent == false)
    #expect(decision.budget == .withinBudget)
  }

  @Test func aRenameSaysWhyTheFourBitTiersComeLast() {
    let decision = router.route(
      subtask: .init(kind: "rename", promptTokens: 500), tiers: F.all, history: .init(),
      budget: .unlimited(), cooldowns: [])
    // local-small states 4 bits; local-medium states none, so the policy assumes 4 for local.
    #expect(
      decision.reasons.contains {
        $0.hasPrefix("local-small next on failure")
          && $0.contains("rename prefers ≥5-bit weights, tier is 4-bit")
      }, "\(decision.reasons)")
    #expect(decision.considered[1].verdict == .escalation)
    #expect(decision.considered[2].verdict == .chosen)
    #expect(decision.worstCase == F.cloud.worstCase(promptTokens: 500, maxTokens: 1024))
  }

  @Test func withoutACloudKeyCloudWorkGoesToTheStrongestLocalTierAndSaysSo() {
    let router = Router(unavailable: ["cloud": "ANTHROPIC_API_KEY is not set"])
    let decision = router.route(
      subtask: .init(kind: "design", difficulty: 4, promptTokens: 2000), tiers: F.local,
      history: .init(), budget: .unlimited(), cooldowns: [])
    #expect(decision.tier == "local-medium")
    #expect(decision.cloudAbsent)
    #expect(
      decision.notice
        == "cloud unavailable: ANTHROPIC_API_KEY is not set → strongest available tier local-medium"
    )
    // Cheap work is not flagged.
    let easy = router.route(
      subtask: .init(kind: "migration", promptTokens: 500), tiers: F.local, history: .init(),
      budget: .unlimited(), cooldowns: [])
    #expect(easy.tier == "local-small")
    #expect(!easy.cloudAbsent)
    #expect(easy.notice == nil)
  }

  @Test func aRenameWithOnlyFourBitTiersGoesToTheBestLocalTierGuardedByTheGate() {
    let decision = Router(unavailable: ["cloud": "ANTHROPIC_API_KEY is not set"]).route(
      subtask: .init(kind: "rename", promptTokens: 500), tiers: F.local, history: .init(),
      budget: .unlimited(), cooldowns: [])
    #expect(decision.tier == "local-medium")
    #expect(decision.ladder == ["local-medium", "local-small"])
    #expect(
      decision.reasons.contains {
        $0.contains("rename prefers ≥5-bit weights") && $0.contains("the gate checks identifiers")
      }, "\(decision.reasons)")
    #expect(decision.notice?.hasPrefix("no tier could do this") != true)
  }

  @Test func historyChangesDecisionsATierThatKeepsFailingAKindStopsGettingIt() {
    let request = RoutingRequest(kind: "migration", difficulty: 1, promptTokens: 800)
    var history = RoutingHistory(window: 20)
    let before = router.route(
      subtask: request, tiers: F.all, history: history, budget: .unlimited(), cooldowns: [])
    #expect(before.tier == "local-small")
    // Three failures are not enough evidence (min_attempts 4) ...
    for i in 0..<3 {
      history.record(attempt: failure(i, kind: "migration", tier: "local-small"))
    }
    #expect(
      router.route(
        subtask: request, tiers: F.all, history: history, budget: .unlimited(), cooldowns: []
      ).tier == "local-small")
    // ... the fourth is.
    history.record(attempt: failure(3, kind: "migration", tier: "local-small"))
    let after = router.route(
      subtask: request, tiers: F.all, history: history, budget: .unlimited(), cooldowns: [])
    #expect(after.tier == "local-medium")
    // Still a last resort: a healthy tier is never left untried.
    #expect(after.ladder == ["local-medium", "cloud", "local-small"])
    #expect(
      after.reasons.contains {
        $0.hasPrefix("local-small next on failure")
          && $0.hasSuffix(
            "last resort, after every rung above, although history: 0 of 4 migration attempts "
              + "passed (at most 40% at the policy's confidence, below 50%)")
      }, "\(after.reasons)")
    // Other kinds still get the tier.
    #expect(
      router.route(
        subtask: .init(kind: "boilerplate", promptTokens: 500), tiers: F.all, history: history,
        budget: .unlimited(), cooldowns: []
      ).tier == "local-small")
    // Successes push failures out of the window and the tier comes back.
    var recovered = RoutingHistory(window: 4)
    for i in 0..<4 { recovered.record(attempt: failure(i, kind: "migration", tier: "local-small")) }
    for i in 0..<3 {
      recovered.record(
        attempt: .init(
          runID: "r", subtaskID: "ok\(i)", kind: "migration", tier: "local-small", gatePassed: true)
      )
    }
    #expect(recovered.stats(kind: "migration", tier: "local-small")?.successRate == 0.75)
    #expect(
      router.route(
        subtask: request, tiers: F.all, history: recovered, budget: .unlimited(), cooldowns: []
      ).tier == "local-small")
  }

  @Test func testsThatFailCountAgainstATierEvenWhenTheGatePasses() {
    var history = RoutingHistory()
    for i in 0..<4 {
      history.record(
        attempt: .init(
          runID: "r", subtaskID: "s\(i)", kind: "migration", tier: "local-small", gatePassed: true,
          verifyPassed: false))
    }
    let stats = history.stats(kind: "migration", tier: "local-small")
    #expect(stats?.gatePassRate == 1)
    #expect(stats?.verifyPassRate == 0)
    #expect(
      router.route(
        subtask: .init(kind: "migration", promptTokens: 500), tiers: F.all, history: history,
        budget: .unlimited(), cooldowns: []
      ).tier == "local-medium")
  }

  @Test func aTierInCooldownIsSkippedWithAReason() {
    let decision = router.route(
      subtask: .init(kind: "migration", promptTokens: 500), tiers: F.all, history: .init(),
      budget: .unlimited(), cooldowns: ["local-small"])
    #expect(decision.tier == "local-medium")
    #expect(
      decision.reasons.contains("local-small skipped: in cooldown (its endpoints are failing)"))
    // When everything at or above the floor is down, the strongest tier that can still run it does.
    let design = router.route(
      subtask: .init(kind: "design", promptTokens: 500), tiers: F.all, history: .init(),
      budget: .unlimited(), cooldowns: ["cloud"])
    #expect(design.tier == "local-medium")
    #expect(design.ladder == ["local-medium", "local-small"])
  }

  @Test func aCallThatWouldCrossACapDowngradesToAFreeTier() {
    let budget = BudgetState(
      caps: .init(perDay: 1.00), runID: "r1", daySpent: 0.99, now: F.noon)
    let decision = router.route(
      subtask: .init(kind: "design", promptTokens: 2000), tiers: F.all, history: .init(),
      budget: budget, cooldowns: [])
    #expect(decision.tier == "local-medium")
    #expect(decision.ladder == ["local-medium"])
    guard case .downgraded(let from, let pause) = decision.budget else {
      Issue.record("expected a downgrade, got \(decision.budget)")
      return
    }
    #expect(from == "cloud")
    #expect(pause.cap == .day)
    #expect(pause.spent == 0.99)
    #expect(pause.resetsAt == UTCCalendar.nextDay(after: F.noon))
    #expect(decision.notice?.contains("resets at 2026-11-24 00:00 UTC") == true)
    #expect(decision.notice?.contains("→ running on local-medium") == true)
  }

  @Test func withoutDowngradeTheRunPausesNamingCapSpendAndReset() {
    var policy = RoutingPolicy()
    policy.budget.downgradeToFree = false
    let budget = BudgetState(
      caps: .init(perMonth: 50), runID: "r1", monthSpent: 49.995, now: F.noon)
    let decision = Router(policy: policy).route(
      subtask: .init(kind: "design", promptTokens: 2000), tiers: F.all, history: .init(),
      budget: budget, cooldowns: [])
    #expect(decision.tier == nil)
    #expect(decision.ladder == ["cloud", "local-medium", "local-small"])
    let pause = decision.pause
    #expect(pause != nil)
    #expect(pause?.cap == .month)
    #expect(pause?.limit == 50)
    #expect(pause?.resetsAt == UTCCalendar.date(year: 2026, month: 12, day: 1))
    #expect(
      pause?.description
        == "the monthly budget of $50.0000 would be crossed: $49.9950 spent or reserved, the next "
        + "call may cost up to $0.0214; it resets at 2026-12-01 00:00 UTC")
  }

  @Test func freeWorkIsNeverStoppedByTheBudget() {
    let budget = BudgetState(caps: .init(perTask: 0), runID: "r1", taskSpent: 5)
    let decision = router.route(
      subtask: .init(kind: "migration", promptTokens: 500), tiers: F.all, history: .init(),
      budget: budget, cooldowns: [])
    #expect(decision.tier == "local-small")
    #expect(decision.budget == .withinBudget)
  }

  @Test func noTiersAtAllIsAClearDecision() {
    let decision = router.route(
      subtask: .init(kind: "migration"), tiers: [], history: .init(), budget: .unlimited(),
      cooldowns: [])
    #expect(decision.tier == nil)
    #expect(decision.notice == "no tier could do this: the configuration enables no tier")
  }

  @Test func aTierThatFailsWholeFilesButFixesSingleFunctionsKeepsTheFunctionWork() {
    var history = RoutingHistory(window: 20)
    for i in 0..<4 {
      history.record(
        attempt: .init(
          runID: "r", subtaskID: "w\(i)", kind: "migration", tier: "local-small",
          editFormat: "whole-file", gatePassed: false, escalated: true))
      history.record(
        attempt: .init(
          runID: "r", subtaskID: "f\(i)", kind: "migration", tier: "local-small",
          editFormat: "function", gatePassed: true, verifyPassed: true))
    }
    let whole = router.route(
      subtask: .init(kind: "migration", promptTokens: 800, editFormat: "whole-file"), tiers: F.all,
      history: history, budget: .unlimited(), cooldowns: [])
    #expect(whole.tier == "local-medium")
    #expect(
      whole.reasons.contains {
        $0.contains("0 of 4 migration whole-file-format attempts passed")
      }, "\(whole.reasons)")
    let function = router.route(
      subtask: .init(kind: "migration", promptTokens: 800, editFormat: "function"), tiers: F.all,
      history: history, budget: .unlimited(), cooldowns: [])
    #expect(function.tier == "local-small", "judged by its 4 of 4 in the function format")
    // A format with no record on the tier falls back to the kind's (4 of 8 passed: kept).
    let auto = router.route(
      subtask: .init(kind: "migration", promptTokens: 800, editFormat: "auto"), tiers: F.all,
      history: history, budget: .unlimited(), cooldowns: [])
    #expect(auto.tier == "local-small")
  }

  private func failure(_ i: Int, kind: String, tier: String) -> AttemptOutcome {
    .init(
      runID: "r", subtaskID: "s\(i)", kind: kind, tier: tier, gatePassed: false, escalated: true)
  }
}
