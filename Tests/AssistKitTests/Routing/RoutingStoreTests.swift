import AssistKit
import AssistTesting
import Foundation
import Testing

@Suite struct RoutingStoreTests {
  typealias F = RoutingFixtures

  @Test func decisionsAreStoredWithTheirInputsAndReasons() throws {
    let store = try F.temporaryStore()
    let routing = RoutingStore(store: store)
    let request = RoutingRequest(kind: "rename", files: 2, lines: 40, promptTokens: 700)
    let decision = Router().route(
      subtask: request, tiers: F.all, history: .init(), budget: .unlimited(), cooldowns: [])
    try routing.save(decision, request: request, runID: "r1", subtaskID: "s1", at: F.noon)
    try routing.save(decision, request: request, runID: "r2", subtaskID: "s1", at: F.noon)
    let stored = try routing.decisions(runID: "r1")
    #expect(stored.count == 1)
    #expect(stored.first?.request == request)
    #expect(stored.first?.decision == decision)
    #expect(stored.first?.at == F.noon)
    #expect(stored.first?.decision.reasons.contains { $0.contains("≥5-bit") } == true)
  }

  @Test func historyIsReadBackFromTheStoreWithinItsWindowAndChangesDecisions() throws {
    let routing = RoutingStore(store: try F.temporaryStore())
    // Old successes, then recent failures: only the recent window counts.
    for i in 0..<6 {
      try routing.record(
        attempt: .init(
          runID: "old", subtaskID: "s\(i)", kind: "migration", tier: "local-small",
          editFormat: "search-replace", gatePassed: true, at: F.noon))
    }
    for i in 0..<4 {
      try routing.record(
        attempt: .init(
          runID: "new", subtaskID: "s\(i)", kind: "migration", tier: "local-small",
          editFormat: "whole", gatePassed: false, escalated: true, at: F.noon))
    }
    let wide = try routing.history(window: 20)
    #expect(wide.stats(kind: "migration", tier: "local-small")?.attempts == 10)
    #expect(wide.stats(format: "search-replace", tier: "local-small")?.gatePassRate == 1)
    #expect(wide.stats(format: "whole", tier: "local-small")?.gatePassRate == 0)
    // Aged from when they were recorded: nothing has faded yet.
    var narrow = try routing.history(window: 4)
    narrow.now = F.noon
    let stats = try #require(narrow.stats(kind: "migration", tier: "local-small"))
    #expect(stats.attempts == 4)
    #expect(stats.successes == 0)
    #expect(stats.escalationRate == 1)
    // The formats keep their own windows.
    #expect(narrow.stats(format: "search-replace", tier: "local-small")?.attempts == 4)
    let request = RoutingRequest(kind: "migration", promptTokens: 500)
    #expect(
      Router().route(
        subtask: request, tiers: F.all, history: wide, budget: .unlimited(), cooldowns: []
      ).tier == "local-small")
    #expect(
      Router().route(
        subtask: request, tiers: F.all, history: narrow, budget: .unlimited(), cooldowns: []
      ).tier == "local-medium")
  }

  @Test func costReportsSumSpendAndSavingsByDayTierAndAgent() throws {
    let store = try F.temporaryStore()
    let ledger = BudgetLedger(store: store, caps: .none, counterfactualPrice: F.cloud.price)
    func spend(_ tier: Tier, _ agent: String, _ at: Date, run: String = "r1") throws {
      let call = PlannedCall(
        runID: run, subtaskID: "s-\(agent)", agent: agent, tier: tier, promptTokens: 1000,
        maxTokens: 500)
      let r = try #require(try ledger.reserve(call, now: at).reservation)
      try ledger.settle(r, usage: .init(input: 1000, output: 500), now: at)
    }
    let yesterday = F.noon.addingTimeInterval(-86_400)
    try spend(F.small, "migration", yesterday)
    try spend(F.cloud, "design", F.noon)
    try spend(F.medium, "migration", F.noon)
    // An unsettled reservation is not a cost.
    _ = try ledger.reserve(
      PlannedCall(runID: "r1", tier: F.cloud, promptTokens: 10, maxTokens: 10), now: F.noon)
    let report = try CostReport.load(store: store)
    #expect(report.total.calls == 3)
    #expect(report.total.actual == 0.0105)
    #expect(abs(report.total.counterfactual - 0.0315) < 1e-12)
    #expect(abs(report.total.savings - 0.021) < 1e-12)
    #expect(report.byDay.map(\.key) == ["2026-11-22", "2026-11-23"])
    #expect(report.byTier.map(\.key) == ["cloud", "local-medium", "local-small"])
    #expect(report.byAgent.map(\.key) == ["design", "migration"])
    #expect(report.byAgent.last?.calls == 2)
    let recent = try CostReport.load(
      store: store, since: UTCCalendar.date(year: 2026, month: 11, day: 23))
    #expect(recent.total.calls == 2)
    let run = try CostReport.run("r1", store: store)
    #expect(run.bySubtask.map(\.key) == ["s-design", "s-migration"])
    #expect(run.byTier.first { $0.key == "cloud" }?.actual == 0.0105)
  }

  @Test func utcDaysAndMonthsRollOverCorrectly() {
    #expect(UTCCalendar.dayKey(F.noon) == "2026-11-23")
    #expect(UTCCalendar.monthKey(F.noon) == "2026-11")
    #expect(UTCCalendar.date(year: 2026, month: 11, day: 23) == F.noon.addingTimeInterval(-43_200))
    let newYearsEve = UTCCalendar.date(year: 2026, month: 12, day: 31).addingTimeInterval(86_399)
    #expect(UTCCalendar.dayKey(newYearsEve) == "2026-12-31")
    #expect(
      UTCCalendar.nextDay(after: newYearsEve) == UTCCalendar.date(year: 2027, month: 1, day: 1))
    #expect(
      UTCCalendar.nextMonth(after: newYearsEve) == UTCCalendar.date(year: 2027, month: 1, day: 1))
    #expect(UTCCalendar.dayKey(UTCCalendar.date(year: 2028, month: 2, day: 29)) == "2028-02-29")
    #expect(BudgetPause.utc(F.noon) == "2026-11-23 12:00 UTC")
    #expect(BudgetPause.dollars(0.0105) == "$0.0105")
    #expect(BudgetPause.dollars(12.5) == "$12.5000")
  }

  @Test func theCounterfactualTierIsTheStrongestCloudTierEvenWithoutItsKey() throws {
    let file = projectRoot + "/share/default-config.yaml"
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let config = try ConfigLoader.merge([(file, text)], variables: [:])
    #expect(config.tiers.map(\.name) == ["local-small", "local-medium"])
    #expect(
      config.allTiers.map(\.name) == ["local-small", "local-medium", "cloud-openai", "cloud"])
    #expect(config.counterfactualTier?.name == "cloud")
    #expect(config.counterfactualTier?.price.output == 15)
  }
}
