import AssistKit
import Testing

/// Token classification (DESIGN.md "Measuring overhead") on constructed runs.
@Suite struct ClassificationTests {
  /// A planner call, a rejected call then an accepted reflection in sub-task a, one accepted call
  /// in sub-task b on another tier, and non-call spans carrying no tokens.
  static let spans: [Span] = [
    Span(id: 1, name: .run, start: 0, end: 20),
    Span(id: 2, parent: 1, name: .plan, start: 0, end: 3),
    Span(
      id: 3, parent: 2, name: .plan, tier: "cloud", track: "https://c#0", start: 0, end: 3,
      inputTokens: 1000, outputTokens: 200, cachedTokens: 100, cost: 0.006,
      classification: .coordination),
    Span(id: 4, parent: 1, name: .subtask, subtask: "a", start: 3, end: 15),
    Span(
      id: 5, parent: 4, name: .call, subtask: "a", tier: "local-small", track: "http://s#0",
      start: 3, end: 6, inputTokens: 700, outputTokens: 300, classification: .coordination),
    Span(id: 6, parent: 4, name: .gate, subtask: "a", start: 6, end: 7),
    Span(
      id: 7, parent: 4, name: .reflection, subtask: "a", tier: "local-small", track: "http://s#0",
      start: 7, end: 10, inputTokens: 900, outputTokens: 100, classification: .work),
    Span(id: 8, parent: 1, name: .subtask, subtask: "b", start: 3, end: 9),
    Span(
      id: 9, parent: 8, name: .call, subtask: "b", tier: "cloud", track: "https://c#1",
      start: 3, end: 8, inputTokens: 400, outputTokens: 100, cost: 0.0027, classification: .work,
      attributes: ["agent": "tester"]),
    Span(id: 10, parent: 1, name: .reconcile, start: 15, end: 16),
  ]

  @Test func acceptedCallsAreWorkEverythingElseCoordination() {
    let overhead = Overhead(spans: Self.spans)
    #expect(overhead.workTokens == 1000 + 500)
    #expect(overhead.coordinationTokens == 1300 + 1000)
    #expect(overhead.ratio == 2300.0 / 3800.0)
    #expect(abs(overhead.workCost - 0.0027) < 1e-12)
    #expect(abs(overhead.coordinationCost - 0.006) < 1e-12)
  }

  @Test func perAgentAndPerTierLines() throws {
    let stats = RunStats(
      runID: "r1", spans: Self.spans, agents: ["a": "migrator", "b": "designer"])
    let agents = Dictionary(uniqueKeysWithValues: stats.byAgent.map { ($0.key, $0) })
    #expect(Set(agents.keys) == ["planner", "migrator", "tester"])  // the span's attribute wins
    let migrator = try #require(agents["migrator"])
    #expect(
      migrator.calls == 2 && migrator.workTokens == 1000 && migrator.coordinationTokens == 1000)
    #expect(migrator.overheadRatio == 0.5)
    #expect(migrator.modelSeconds == 6)
    let planner = try #require(agents["planner"])
    #expect(planner.workTokens == 0 && planner.overheadRatio == 1)
    let tiers = Dictionary(uniqueKeysWithValues: stats.byTier.map { ($0.key, $0) })
    #expect(tiers["cloud"]?.calls == 2 && tiers["cloud"]?.workTokens == 500)
    #expect(tiers["local-small"]?.coordinationTokens == 1000)
    // Lines sum to the run's totals.
    #expect(stats.byTier.reduce(0) { $0 + $1.workTokens } == stats.overhead.workTokens)
    #expect(
      stats.byAgent.reduce(0) { $0 + $1.coordinationTokens } == stats.overhead.coordinationTokens)
    #expect(stats.byAgent.first?.key == "migrator")  // most tokens first
  }

  @Test func unknownSubtaskAgentIsNamedBySubtask() {
    let stats = RunStats(runID: "r1", spans: Self.spans)
    #expect(stats.byAgent.map(\.key).contains("sub-task a"))
  }

  @Test func aggregationSumsRuns() {
    let one = RunStats(runID: "r1", spans: Self.spans, dependencies: [:])
    var second = Self.spans
    second[4].classification = .work  // the rejected call, accepted this time
    let two = RunStats(runID: "r2", spans: second)
    let both = RunStats(aggregating: [one, two])
    #expect(both.runIDs == ["r1", "r2"])
    #expect(both.overhead.workTokens == one.overhead.workTokens + two.overhead.workTokens)
    #expect(both.overhead.wallSeconds == 40)
    let ratio: Double = 3600.0 / 7600.0
    #expect(both.overheadRatio == ratio)
    let smallTier = both.byTier.first { $0.key == "local-small" }
    #expect(smallTier?.calls == 4 && smallTier?.workTokens == 1000 + 2000)
    let speedup: Double = 36.0 / 24.0  // sub-tasks 12 + 6 per run, critical path 12 per run
    #expect(both.parallelSpeedup == speedup)
  }
}
