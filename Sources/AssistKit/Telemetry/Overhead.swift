/// Where a run's tokens and seconds went: work or coordination, model or orchestrator.
///
/// Definitions (DESIGN.md "Measuring overhead"), refined: a call's tokens are classified whole —
/// the call whose output was accepted is work; planner, arbiter, reflection, retried and
/// rejected calls are coordination. Context re-sent to several agents is therefore counted inside
/// each agent's calls (work when accepted), not split out. A model call is a span with a tier
/// (``isModelCall``): the coordinator's enclosing `plan` span, which has none, is orchestrator
/// time around the planner's calls, not model time.
package struct Overhead: Sendable, Equatable, Codable {
  /// Tokens of calls whose output became an accepted change or finding.
  package var workTokens: Int
  /// Tokens of every other call.
  package var coordinationTokens: Int
  /// Dollars of work calls.
  package var workCost: Double
  /// Dollars of coordination calls.
  package var coordinationCost: Double
  /// Wall time of the run, seconds.
  package var wallSeconds: Double
  /// Time at least one model call was in flight.
  package var modelSeconds: Double
  /// Time spent waiting for the human.
  package var humanSeconds: Double
  /// Time the repository's tests ran (verification), outside model calls.
  package var verifySeconds: Double
  /// Sum of sub-task durations.
  package var subtaskSeconds: Double
  /// The longest chain of dependent sub-tasks, by duration.
  package var criticalPathSeconds: Double

  /// coordination / (coordination + work); 0 with no tokens.
  package var ratio: Double {
    let all = workTokens + coordinationTokens
    return all == 0 ? 0 : Double(coordinationTokens) / Double(all)
  }
  /// Wall time not spent waiting on a model or the human (verification included).
  package var orchestratorSeconds: Double { max(0, wallSeconds - modelSeconds - humanSeconds) }
  /// assist's own time: orchestrator time less the repository's tests.
  package var ownSeconds: Double { max(0, orchestratorSeconds - verifySeconds) }
  /// Sum of sub-task times / critical path (1 = no parallelism).
  package var parallelSpeedup: Double {
    criticalPathSeconds > 0 ? subtaskSeconds / criticalPathSeconds : 1
  }

  /// Computes the breakdown from a run's spans.
  /// - Parameters:
  ///   - spans: Every span of the run.
  ///   - dependencies: Sub-task id → the ids it depends on.
  package init(spans: [Span], dependencies: [String: [String]] = [:]) {
    var work = 0
    var coordination = 0
    var workCost = 0.0
    var coordinationCost = 0.0
    var intervals: [(Double, Double)] = []
    for span in spans where span.isModelCall {
      switch span.classification {
      case .work:
        work += span.tokens
        workCost += span.cost
      case .coordination, .none:
        coordination += span.tokens
        coordinationCost += span.cost
      }
      intervals.append((span.start, span.end))
    }
    workTokens = work
    coordinationTokens = coordination
    self.workCost = workCost
    self.coordinationCost = coordinationCost
    let run = spans.first { $0.name == .run }
    wallSeconds =
      run.map(\.duration) ?? ((spans.map(\.end).max() ?? 0) - (spans.map(\.start).min() ?? 0))
    modelSeconds = Self.union(intervals)
    humanSeconds = spans.filter { $0.name == .humanWait }.reduce(0) { $0 + $1.duration }
    verifySeconds = Self.union(spans.filter { $0.name == .verify }.map { ($0.start, $0.end) })
    var durations: [String: Double] = [:]
    for span in spans where span.name == .subtask {
      if let id = span.subtask { durations[id] = span.duration }
    }
    subtaskSeconds = durations.values.reduce(0, +)
    var finish: [String: Double] = [:]
    func longest(_ id: String, _ seen: Set<String>) -> Double {
      if let known = finish[id] { return known }
      guard !seen.contains(id) else { return 0 }
      let before = (dependencies[id] ?? []).map { longest($0, seen.union([id])) }.max() ?? 0
      let total = before + (durations[id] ?? 0)
      finish[id] = total
      return total
    }
    criticalPathSeconds = durations.keys.map { longest($0, []) }.max() ?? 0
  }

  /// The length of the union of intervals.
  static func union(_ intervals: [(Double, Double)]) -> Double {
    var total = 0.0
    var current: (Double, Double)?
    for (start, end) in intervals.sorted(by: { $0.0 < $1.0 }) {
      if let c = current, start <= c.1 {
        current = (c.0, max(c.1, end))
      } else {
        if let c = current { total += c.1 - c.0 }
        current = (start, end)
      }
    }
    if let c = current { total += c.1 - c.0 }
    return total
  }
}

extension Span {
  /// A model call: a `call`, `plan`, `reflection` or `arbiter` span that names its tier.
  package var isModelCall: Bool {
    tier != nil && [.call, .plan, .reflection, .arbiter].contains(name)
  }
}
