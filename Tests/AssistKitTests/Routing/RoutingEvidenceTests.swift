import AssistKit
import AssistTesting
import Foundation
import Testing

/// History that fades, is keyed by the kind of work, needs evidence and a confidence bound before
/// it rules a tier out, keeps exploring, and starts from the shipped priors.
@Suite struct RoutingEvidenceTests {
  typealias F = RoutingFixtures
  let router = Router()
  let day = 86_400.0

  private func outcome(
    _ i: Int, passed: Bool, work: String? = nil, format: String? = nil, size: String? = nil,
    at: Date = F.noon
  ) -> AttemptOutcome {
    .init(
      runID: "r\(i)", subtaskID: "s", kind: "migration", tier: "local-small", editFormat: format,
      work: work, sizeBucket: size, gatePassed: passed, verifyPassed: passed ? true : nil,
      escalated: !passed, at: at)
  }

  private func start(_ request: RoutingRequest, _ history: RoutingHistory) -> String? {
    router.route(
      subtask: request, tiers: F.all, history: history, budget: .unlimited(), cooldowns: []
    ).tier
  }

  @Test func oldFailuresFadeUntilTheyNoLongerRuleATierOut() {
    let request = RoutingRequest(kind: "migration", promptTokens: 800)
    var recent = RoutingHistory(now: F.noon)
    for i in 0..<5 { recent.record(attempt: outcome(i, passed: false)) }
    #expect(start(request, recent) == "local-medium")
    // The same five failures two half-lives (28 days) ago weigh 1.25 attempts: not evidence.
    var old = RoutingHistory(now: F.noon.addingTimeInterval(28 * day))
    for i in 0..<5 { old.record(attempt: outcome(i, passed: false)) }
    #expect(start(request, old) == "local-small")
    let evidence = old.evidence(for: request, tier: "local-small", rule: .init())
    #expect(abs((evidence?.attempts ?? 0) - 1.25) < 0.001)
    #expect(evidence?.observed == 5)
  }

  @Test func twoBadRunsNeverRuleATierOutAndAPoorRateNeedsEnoughEvidence() {
    let request = RoutingRequest(kind: "migration", promptTokens: 800)
    var two = RoutingHistory(now: F.noon)
    for i in 0..<2 { two.record(attempt: outcome(i, passed: false)) }
    #expect(start(request, two) == "local-small")
    // 2 of 8 passed (25%): the upper bound (54%) is still above 50%, so the tier keeps the work.
    var eight = RoutingHistory(now: F.noon)
    for i in 0..<8 { eight.record(attempt: outcome(i, passed: i < 2)) }
    #expect(start(request, eight) == "local-small")
    // 5 of 20 (25%) is enough evidence: at most 43%.
    var twenty = RoutingHistory(now: F.noon)
    for i in 0..<20 { twenty.record(attempt: outcome(i, passed: i < 5)) }
    let decision = router.route(
      subtask: request, tiers: F.all, history: twenty, budget: .unlimited(), cooldowns: [])
    #expect(decision.tier == "local-medium")
    #expect(
      decision.reasons.contains {
        $0.hasPrefix("local-small next on failure")
          && $0.contains("although history: 5 of 20 migration attempts passed (at most 43%")
      }, "\(decision.reasons)")
  }

  @Test func evidenceIsKeyedByWorkFormatAndSizeSoLargeFailuresDoNotRuleOutSmallChanges() {
    var history = RoutingHistory(now: F.noon)
    for i in 0..<4 {
      history.record(
        attempt: outcome(i, passed: true, work: "fix", format: "whole-file", size: "≤80"))
      history.record(
        attempt: outcome(10 + i, passed: false, work: "fix", format: "whole-file", size: ">400"))
    }
    let small = RoutingRequest(
      kind: "migration", lines: 40, promptTokens: 800, editFormat: "whole-file", work: "fix")
    var large = small
    large.lines = 900
    large.promptTokens = 3000
    #expect(start(small, history) == "local-small")
    #expect(start(large, history) == "local-medium")
    // Other work in the same format and size has no record of its own: the format's record, 4 of
    // 8, keeps the tier.
    var feature = small
    feature.work = "feature"
    #expect(start(feature, history) == "local-small")
  }

  @Test func aShareOfDecisionsFixedByRunAndSubtaskExploresADisfavouredTierAndSaysSo() throws {
    var history = RoutingHistory(now: F.noon)
    for i in 0..<6 { history.record(attempt: outcome(i, passed: false)) }
    let request = RoutingRequest(kind: "migration", promptTokens: 800)
    let ids = (0..<400).map { "s\($0)" }
    let draws = ids.map { Router.explorationDraw(runID: "run", subtaskID: $0) }
    #expect(draws == ids.map { Router.explorationDraw(runID: "run", subtaskID: $0) })
    #expect(draws.allSatisfy { (0..<1).contains($0) })
    let exploring = draws.filter { $0 < 0.1 }.count
    #expect((20...60).contains(exploring), "10% of 400 draws, got \(exploring)")
    let low = try #require(draws.first { $0 < 0.1 })
    let high = try #require(draws.first { $0 >= 0.1 })
    let explored = router.route(
      subtask: request, tiers: F.all, history: history, budget: .unlimited(), cooldowns: [],
      exploration: low)
    #expect(explored.tier == "local-small")
    #expect(explored.exploring == "local-small")
    #expect(explored.ladder == ["local-small", "local-medium", "cloud"])
    #expect(
      explored.reasons.contains {
        $0.hasPrefix("local-small chosen") && $0.contains("exploring: tried first on 10% of runs")
      }, "\(explored.reasons)")
    let usual = router.route(
      subtask: request, tiers: F.all, history: history, budget: .unlimited(), cooldowns: [],
      exploration: high)
    #expect(usual.tier == "local-medium")
    #expect(usual.exploring == nil)
  }

  @Test func aPoorRecordNeverLeavesASubtaskWithNoHealthyTier() {
    var history = RoutingHistory(now: F.noon)
    for i in 0..<6 {
      for tier in ["local-small", "local-medium"] {
        var failed = outcome(i, passed: false)
        failed.tier = tier
        history.record(attempt: failed)
      }
    }
    let decision = router.route(
      subtask: .init(kind: "migration", promptTokens: 800), tiers: F.local, history: history,
      budget: .unlimited(), cooldowns: [])
    #expect(decision.ladder == ["local-small", "local-medium"])
    #expect(
      decision.reasons.contains { $0.contains("no other healthy tier can take it") },
      "\(decision.reasons)")
    // A tier in cooldown is not healthy: the other one carries the sub-task alone.
    let benched = router.route(
      subtask: .init(kind: "migration", promptTokens: 800), tiers: F.local, history: history,
      budget: .unlimited(), cooldowns: ["local-small"])
    #expect(benched.ladder == ["local-medium"])
  }

  @Test func theShippedPriorsStartAFreshInstallWhereTheBenchmarksSaySoAndHistoryOutweighsThem()
    throws
  {
    let priors = try RoutingPriors.load(file: projectRoot + "/share/routing-priors.yaml")
    #expect(priors.prior(work: "fix", format: "whole-file", tier: "local-small")?.passRate == 0)
    var fresh = RoutingHistory(priors: priors, now: F.noon)
    let whole = RoutingRequest(
      kind: "migration", lines: 30, promptTokens: 800, editFormat: "whole-file", work: "fix")
    let decision = router.route(
      subtask: whole, tiers: F.all, history: fresh, budget: .unlimited(), cooldowns: [])
    #expect(decision.tier == "local-medium")
    #expect(
      decision.reasons.contains { $0.contains("benchmark prior 0%") }, "\(decision.reasons)")
    var function = whole
    function.editFormat = "function"
    #expect(start(function, fresh) == "local-small")
    // The user's own record (six passes) outweighs the prior's four pseudo-attempts.
    for i in 0..<6 {
      fresh.record(
        attempt: outcome(i, passed: true, work: "fix", format: "whole-file", size: "≤80"))
    }
    #expect(start(whole, fresh) == "local-small")
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var yaml: String
    var message: String
    var testDescription: String { message }
  }

  static let bad: [Bad] = [
    Bad(
      yaml: "priors:\n  - {work: fix, format: function, tier: local-small, pass_rate: 1.5}\n",
      message: "q.yaml:2: pass_rate must be between 0 and 1"),
    Bad(
      yaml: "priors:\n  - {work: fix, format: function, tier: local-small, pass_rat: 0.5}\n",
      message: "q.yaml:2: unknown key 'pass_rat' in a prior; did you mean 'pass_rate'?"),
    Bad(
      yaml: "priors:\n  - {work: fix, format: function, tier: t, pass_rate: 0.5}\n"
        + "  - {work: fix, format: function, tier: t, pass_rate: 0.2}\n",
      message: "q.yaml:3: a second prior for fix, function on t"),
    Bad(
      yaml: "version: 3\n",
      message: "q.yaml:1: routing priors version 3 is not supported (expected 1)"),
    Bad(yaml: "weight: -1\n", message: "q.yaml:1: weight must be a count ≥ 0"),
    Bad(
      yaml: "priors: {}\n",
      message: "q.yaml:1: 'priors' must be a list of {work, format, tier, pass_rate}"),
  ]

  @Test(arguments: bad)
  func badPriorsAreReportedWithFileAndLine(_ bad: Bad) {
    let error = #expect(throws: ConfigError.self) {
      try RoutingPriors.parse(bad.yaml, file: "q.yaml")
    }
    #expect(error?.description == bad.message)
  }

  @Test func aMissingPriorsFileIsAClearError() {
    let error = #expect(throws: ConfigError.self) {
      try RoutingPriors.load(file: "/nonexistent/routing-priors.yaml")
    }
    #expect(error?.description.contains("priors file is missing") == true)
  }
}
