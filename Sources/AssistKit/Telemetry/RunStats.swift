/// What `assist stats` reports for one run or several: the run-level ``Overhead`` plus the same
/// token split per agent and per tier.
package struct RunStats: Sendable, Equatable, Codable {
  /// One agent's or one tier's share of the model calls.
  package struct Line: Sendable, Equatable, Codable {
    /// The agent or tier name.
    package var key: String
    /// Model calls.
    package var calls: Int
    /// Tokens of accepted calls.
    package var workTokens: Int
    /// Tokens of every other call.
    package var coordinationTokens: Int
    /// Dollars of accepted calls.
    package var workCost: Double
    /// Dollars of every other call.
    package var coordinationCost: Double
    /// Sum of call durations (queue wait included), seconds.
    package var modelSeconds: Double
    /// coordination / (coordination + work) tokens; 0 with no tokens.
    package var overheadRatio: Double

    /// An empty line for `key`.
    package init(key: String) {
      self.key = key
      calls = 0
      workTokens = 0
      coordinationTokens = 0
      workCost = 0
      coordinationCost = 0
      modelSeconds = 0
      overheadRatio = 0
    }

    /// Adds one model call.
    mutating func add(_ span: Span) {
      calls += 1
      if span.classification == .work {
        workTokens += span.tokens
        workCost += span.cost
      } else {
        coordinationTokens += span.tokens
        coordinationCost += span.cost
      }
      modelSeconds += span.duration
      let all = workTokens + coordinationTokens
      overheadRatio = all == 0 ? 0 : Double(coordinationTokens) / Double(all)
    }

    /// Adds another line's totals (same key).
    mutating func add(_ other: Line) {
      calls += other.calls
      workTokens += other.workTokens
      coordinationTokens += other.coordinationTokens
      workCost += other.workCost
      coordinationCost += other.coordinationCost
      modelSeconds += other.modelSeconds
      let all = workTokens + coordinationTokens
      overheadRatio = all == 0 ? 0 : Double(coordinationTokens) / Double(all)
    }
  }

  /// The runs counted, newest first.
  package var runIDs: [String]
  /// Tokens, dollars and seconds (summed over runs when aggregated).
  package var overhead: Overhead
  /// ``Overhead/ratio``, stored so `--json` carries it.
  package var overheadRatio: Double
  /// ``Overhead/orchestratorSeconds``.
  package var orchestratorSeconds: Double
  /// ``Overhead/parallelSpeedup``: over several runs, summed sub-task time / summed critical paths.
  package var parallelSpeedup: Double
  /// Per agent, most tokens first.
  package var byAgent: [Line]
  /// Per tier, most tokens first.
  package var byTier: [Line]
  /// The cascade's candidates per tier, duplicates and the strategies that produced the accepted
  /// candidates.
  package var cascade: CascadeNumbers

  /// The stats of one run.
  /// - Parameters:
  ///   - runID: The run.
  ///   - spans: Its spans.
  ///   - agents: Sub-task id → agent name (from the checkpoint or the proposal's provenance); a
  ///     span's own `agent` attribute wins. Calls outside any sub-task belong to the `planner`.
  ///   - dependencies: Sub-task id → the ids it depends on, for the critical path.
  ///   - results: The sub-tasks' results, for ``cascade``.
  package init(
    runID: String, spans: [Span], agents: [String: String] = [:],
    dependencies: [String: [String]] = [:], results: [SubtaskResult] = []
  ) {
    let overhead = Overhead(spans: spans, dependencies: dependencies)
    var byAgent: [String: Line] = [:]
    var byTier: [String: Line] = [:]
    for span in spans where span.isModelCall {
      let agent =
        span.attributes["agent"]
        ?? span.subtask.map { agents[$0] ?? "sub-task \($0)" } ?? "planner"
      byAgent[agent, default: Line(key: agent)].add(span)
      let tier = span.tier ?? "-"
      byTier[tier, default: Line(key: tier)].add(span)
    }
    self.init(
      runIDs: [runID], overhead: overhead, byAgent: Array(byAgent.values),
      byTier: Array(byTier.values), cascade: CascadeNumbers(results: results))
  }

  /// Sums several runs' stats.
  package init(aggregating runs: [RunStats]) {
    var overhead = Overhead(spans: [])
    var byAgent: [String: Line] = [:]
    var byTier: [String: Line] = [:]
    for run in runs {
      overhead.workTokens += run.overhead.workTokens
      overhead.coordinationTokens += run.overhead.coordinationTokens
      overhead.workCost += run.overhead.workCost
      overhead.coordinationCost += run.overhead.coordinationCost
      overhead.wallSeconds += run.overhead.wallSeconds
      overhead.modelSeconds += run.overhead.modelSeconds
      overhead.humanSeconds += run.overhead.humanSeconds
      overhead.verifySeconds += run.overhead.verifySeconds
      overhead.subtaskSeconds += run.overhead.subtaskSeconds
      overhead.criticalPathSeconds += run.overhead.criticalPathSeconds
      for line in run.byAgent { byAgent[line.key, default: Line(key: line.key)].add(line) }
      for line in run.byTier { byTier[line.key, default: Line(key: line.key)].add(line) }
    }
    self.init(
      runIDs: runs.flatMap(\.runIDs), overhead: overhead, byAgent: Array(byAgent.values),
      byTier: Array(byTier.values), cascade: CascadeNumbers(aggregating: runs.map(\.cascade)))
  }

  private init(
    runIDs: [String], overhead: Overhead, byAgent: [Line], byTier: [Line], cascade: CascadeNumbers
  ) {
    self.runIDs = runIDs
    self.cascade = cascade
    self.overhead = overhead
    overheadRatio = overhead.ratio
    orchestratorSeconds = overhead.orchestratorSeconds
    parallelSpeedup = overhead.parallelSpeedup
    func ordered(_ lines: [Line]) -> [Line] {
      lines.sorted {
        ($0.workTokens + $0.coordinationTokens, $1.key) > (
          $1.workTokens + $1.coordinationTokens, $0.key
        )
      }
    }
    self.byAgent = ordered(byAgent)
    self.byTier = ordered(byTier)
  }
}
