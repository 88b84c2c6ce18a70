/// Measures ``Router/route(subtask:tiers:history:budget:cooldowns:)`` latency over a mix of
/// sub-tasks, with a populated history and budget (`assist bench-routing`, scripts/bench-routing).
package enum RoutingBenchmark {
  /// Latency percentiles in microseconds, and where the decisions went.
  package struct Result: Sendable, Codable {
    /// Decisions timed.
    package var decisions: Int
    /// Median latency.
    package var p50Microseconds: Double
    /// 99th percentile latency.
    package var p99Microseconds: Double
    /// Slowest decision.
    package var maxMicroseconds: Double
    /// Decisions per chosen tier (`paused` / `none` when no tier was chosen).
    package var chosen: [String: Int]
  }

  /// The tiers the benchmark routes over: the default config's two local tiers and a cloud tier.
  package static let tiers = [
    Tier(
      name: "local-small", model: "qwen2.5-coder-0.5b-instruct",
      endpoints: ["http://127.0.0.1:18480"], quantizationBits: 4),
    Tier(
      name: "local-medium", model: "qwen2.5-coder-1.5b-instruct",
      endpoints: ["http://127.0.0.1:18481"], quantizationBits: 4),
    Tier(
      name: "cloud", api: .anthropic, model: "claude-sonnet-4-5",
      endpoints: ["https://api.anthropic.com"], apiKeyEnvironment: "ANTHROPIC_API_KEY",
      contextWindow: 200_000, slots: 4, price: .init(input: 3, output: 15, cached: 0.3)),
  ]

  /// The sub-task mix, cycled.
  package static let requests: [RoutingRequest] = [
    .init(kind: "migration", difficulty: 1, files: 1, lines: 80, promptTokens: 1200),
    .init(kind: "boilerplate", difficulty: 2, files: 2, lines: 150, promptTokens: 2000),
    .init(kind: "rename", difficulty: 1, files: 3, lines: 200, promptTokens: 2500),
    .init(kind: "design", difficulty: 4, files: 5, lines: 900, promptTokens: 9000),
    .init(kind: "analysis", difficulty: 3, files: 8, lines: 1500, promptTokens: 12000),
    .init(kind: "migration", difficulty: 3, files: 6, lines: 600, promptTokens: 7600),
    .init(
      kind: "migration", difficulty: 2, files: 1, lines: 50, promptTokens: 900,
      hints: .init(preferTier: "local-medium")),
    .init(kind: "refactor", difficulty: 5, files: 14, lines: 3000, promptTokens: 30000),
  ]

  /// Routes `decisions` sub-tasks and times each decision.
  /// - Parameters:
  ///   - policy: The routing policy.
  ///   - decisions: How many decisions to time.
  package static func run(policy: RoutingPolicy, decisions: Int) -> Result {
    let router = Router(policy: policy)
    // 400 recorded attempts spread over every (kind, tier), about two in three successful.
    var history = RoutingHistory(window: policy.history.window)
    for i in 0..<400 {
      let kinds = ["migration", "boilerplate", "rename", "design", "analysis"]
      history.record(
        attempt: AttemptOutcome(
          runID: "bench", subtaskID: "s\(i)", kind: kinds[i % kinds.count],
          tier: tiers[i % tiers.count].name, editFormat: i % 2 == 0 ? "whole" : "search-replace",
          gatePassed: (i * 7 + i / 15) % 10 < 8, verifyPassed: (i * 3 + i / 15) % 10 < 8,
          escalated: (i * 7 + i / 15) % 10 >= 8))
    }
    let budget = BudgetState(
      caps: .init(perTask: 1, perDay: 10, perMonth: 100), runID: "bench", taskSpent: 0.4,
      daySpent: 3, monthSpent: 20)
    let clock = ContinuousClock()
    var samples: [Duration] = []
    samples.reserveCapacity(decisions)
    var chosen: [String: Int] = [:]
    for i in 0..<max(decisions, 1) {
      let request = requests[i % requests.count]
      let cooldowns: Set<String> = i % 50 == 0 ? ["cloud"] : []
      let start = clock.now
      let decision = router.route(
        subtask: request, tiers: tiers, history: history, budget: budget, cooldowns: cooldowns)
      samples.append(clock.now - start)
      chosen[decision.tier ?? (decision.pause == nil ? "none" : "paused"), default: 0] += 1
    }
    return summarize(samples, chosen: chosen)
  }

  /// Times ``RoutingContext/route(_:runID:subtaskID:cooldowns:now:)``: the stored history and
  /// ledger spend read, the decision, and the decision written, on a store with 400 attempts.
  /// - Parameters:
  ///   - policy: The routing policy.
  ///   - store: An empty store (its tables are filled).
  ///   - decisions: How many decisions to time.
  /// - Throws: Store errors.
  package static func runWithStore(
    policy: RoutingPolicy, store: Store, decisions: Int
  ) throws -> Result {
    let config = AssistConfig(tiers: tiers, budgets: .init(perTask: 1, perDay: 10, perMonth: 100))
    let context = RoutingContext(config: config, policy: policy, store: store)
    let kinds = ["migration", "boilerplate", "rename", "design", "analysis"]
    for i in 0..<400 {
      try context.store.record(
        attempt: AttemptOutcome(
          runID: "bench", subtaskID: "s\(i)", kind: kinds[i % kinds.count],
          tier: tiers[i % tiers.count].name, editFormat: i % 2 == 0 ? "whole" : "search-replace",
          gatePassed: (i * 7 + i / 15) % 10 < 8, verifyPassed: (i * 3 + i / 15) % 10 < 8,
          escalated: (i * 7 + i / 15) % 10 >= 8))
    }
    for i in 0..<50 {
      let call = PlannedCall(
        runID: "run\(i % 5)", tier: tiers[2], promptTokens: 1000, maxTokens: 500)
      if let r = try context.ledger.reserve(call).reservation {
        try context.ledger.settle(r, usage: .init(input: 900, output: 300))
      }
    }
    let clock = ContinuousClock()
    var samples: [Duration] = []
    var chosen: [String: Int] = [:]
    for i in 0..<max(decisions, 1) {
      let start = clock.now
      let decision = try context.route(
        requests[i % requests.count], runID: "bench", subtaskID: "s\(i)")
      samples.append(clock.now - start)
      chosen[decision.tier ?? (decision.pause == nil ? "none" : "paused"), default: 0] += 1
    }
    return summarize(samples, chosen: chosen)
  }

  private static func summarize(_ unsorted: [Duration], chosen: [String: Int]) -> Result {
    let samples = unsorted.sorted()
    func micros(_ d: Duration) -> Double {
      Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
    }
    func percentile(_ p: Double) -> Double {
      micros(samples[min(Int(Double(samples.count) * p), samples.count - 1)])
    }
    return Result(
      decisions: samples.count, p50Microseconds: percentile(0.5),
      p99Microseconds: percentile(0.99), maxMicroseconds: micros(samples[samples.count - 1]),
      chosen: chosen)
  }
}
