internal import Foundation

/// Reconciliation benchmarks: time without arbiter calls on a synthetic run (10 proposals across
/// 20 files), and the reconciler over a corpus of real merge conflicts (`scripts/merge-corpus`).
package enum ReconcileBenchmark {
  /// Timings of the synthetic run.
  package struct Timing: Sendable, Codable {
    /// Median milliseconds.
    package var medianMilliseconds: Double
    /// Fastest.
    package var minMilliseconds: Double
    /// Slowest.
    package var maxMilliseconds: Double
    /// Runs timed.
    package var runs: Int
    /// `kind/resolution` → count, for the last run.
    package var conflicts: [String: Int]
  }

  /// The synthetic run: 10 sub-tasks (design and migration alternating, s9 depending on s8), each
  /// changing 5 of 20 Python files of 200 lines, so every file has 2–3 writers, some overlapping,
  /// and assumptions that disagree.
  package static func workload() -> (plan: Plan, results: [SubtaskResult], base: [String: String]) {
    let files = (0..<20).map { "src/file\($0).py" }
    var base: [String: String] = [:]
    for (i, path) in files.enumerated() {
      base[path] =
        (0..<200).map { l in
          l % 20 == 0 ? "def f\(i)_\(l)(x):" : "    x = x + \(l)  # file \(i)"
        }.joined(separator: "\n") + "\n"
    }
    var results: [SubtaskResult] = []
    for s in 0..<10 {
      var changes: [EditApplier.FileChange] = []
      for k in 0..<5 {
        let path = files[(s * 2 + k) % 20]
        var lines = LineHunks.lines(base[path]).map(String.init)
        for l in stride(from: 1 + s * 7 + k, to: 200, by: 50) where lines[l].hasPrefix("    ") {
          lines[l] = "    x = x * \(s)  # by s\(s)"
        }
        changes.append(
          EditApplier.FileChange(
            path: path, old: base[path], new: lines.joined(separator: "\n") + "\n"))
      }
      results.append(
        SubtaskResult(
          subtask: Subtask(
            id: "s\(s)", kind: s % 2 == 0 ? .design : .migration, goal: "g",
            files: changes.map(\.path), dependsOn: s == 9 ? ["s8"] : []),
          agent: s % 2 == 0 ? "design" : "migration", status: .accepted, tier: "t", model: "m",
          changes: changes,
          handBack: HandBack(reply: "ASSUMPTION cache: \(s % 3 == 0 ? "ttl" : "on write")"),
          attempts: [], detail: ""))
    }
    return (Plan(subtasks: results.map(\.subtask), origin: .planner), results, base)
  }

  /// Times ``workload()`` reconciled without an arbiter, `runs` times.
  /// - Throws: ``GitError`` from merging.
  package static func time(runs: Int) throws -> Timing {
    let (plan, results, base) = workload()
    var times: [Double] = []
    var proposal: Proposal?
    let clock = ContinuousClock()
    for _ in 0..<max(1, runs) {
      let start = clock.now
      proposal = try ProposalBuilder.build(
        runID: "r", task: "t", baseCommit: "c", plan: plan, results: results, base: base,
        rule: ReconcileRule(precedence: ["design"]))
      let elapsed = clock.now - start
      times.append(
        Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }
    times.sort()
    var conflicts: [String: Int] = [:]
    for conflict in proposal?.conflicts ?? [] {
      conflicts["\(conflict.kind)/\(conflict.resolution)", default: 0] += 1
    }
    return Timing(
      medianMilliseconds: times[times.count / 2], minMilliseconds: times[0],
      maxMilliseconds: times[times.count - 1], runs: times.count, conflicts: conflicts)
  }
}
