import ArgumentParser
import AssistKit
import Foundation

/// `assist stats`: where a run's tokens, dollars and seconds went — work or coordination.
struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Show coordination vs work tokens, overhead ratio and time split for runs.",
    discussion: """
      Work tokens are those of model calls whose output was accepted; everything else (planner, \
      reflections, retries, rejected attempts) is coordination. The overhead ratio is \
      coordination / all tokens. Orchestrator time is wall time not spent waiting on a model or \
      the human; parallel speed-up is the sum of sub-task times over the critical path.

      Examples:
        assist stats              # the latest run
        assist stats 3f9a2c       # one run (a unique id prefix is enough)
        assist stats --last 10    # the last ten runs, summed
        assist stats --json
      """)

  @Argument(help: "The run id or a unique prefix (default: the latest run).")
  var id: String?

  @Option(help: "Aggregate over the last N runs instead.")
  var last: Int?

  @Flag(help: "Print as JSON.")
  var json = false

  func validate() throws {
    if let last, last < 1 { throw ValidationError("--last must be at least 1") }
    if id != nil && last != nil { throw ValidationError("give a run id or --last, not both") }
  }

  func run() throws {
    let paths = AssistPaths(variables: ProcessInfo.processInfo.environment, installDirectory: "")
    let runs = RunStore(try Store(path: paths.storePath))
    let ids: [String]
    if let id {
      ids = [id]
    } else {
      ids = try runs.runs(limit: last ?? 1).map(\.id)
      guard !ids.isEmpty else {
        throw ValidationError("no runs recorded yet; run `assist task` first")
      }
    }
    let loaded = try ids.map { try StoredRun($0, from: runs) }
    let stats = loaded.count == 1 ? loaded[0].stats : RunStats(aggregating: loaded.map(\.stats))
    if json {
      try Output.json(stats)
      return
    }
    let title =
      loaded.count == 1
      ? "run \(loaded[0].record.id): \(loaded[0].record.task)"
      : "\(loaded.count) runs (\(loaded.map(\.record.id).joined(separator: ", ")))"
    print(Self.render(stats, title: title, bars: Output.isTerminal), terminator: "")
  }

  /// The stats as text; `bars` adds a work/coordination bar per line (for a terminal).
  static func render(_ stats: RunStats, title: String, bars: Bool) -> String {
    let o = stats.overhead
    var text = title + "\n"
    text += "tokens: \(o.workTokens) work, \(o.coordinationTokens) coordination "
    text += "(overhead ratio \(BenchReport.percent(stats.overheadRatio)))\n"
    text += "dollars: \(BenchReport.dollars(o.workCost)) work, "
    text += "\(BenchReport.dollars(o.coordinationCost)) coordination\n"
    text += String(
      format:
        "time: %.1fs wall = %.1fs model + %.1fs orchestrator (%.1fs tests, %.1fs assist) + %.1fs human\n",
      o.wallSeconds, o.modelSeconds, stats.orchestratorSeconds, o.verifySeconds, o.ownSeconds,
      o.humanSeconds)
    text += String(
      format: "parallel speed-up: %.2fx (sub-tasks %.1fs, critical path %.1fs)\n",
      stats.parallelSpeedup, o.subtaskSeconds, o.criticalPathSeconds)
    text += "cascade: \(stats.cascade.summary)\n"
    let widest = (stats.byAgent + stats.byTier).map { $0.workTokens + $0.coordinationTokens }.max()
    for (title, lines) in [("AGENT", stats.byAgent), ("TIER", stats.byTier)] where !lines.isEmpty {
      var rows = [[title, "CALLS", "WORK", "COORD", "RATIO", "$", "MODEL s"]]
      for l in lines {
        rows.append([
          l.key, String(l.calls), String(l.workTokens), String(l.coordinationTokens),
          BenchReport.percent(l.overheadRatio),
          BenchReport.dollars(l.workCost + l.coordinationCost),
          String(format: "%.1f", l.modelSeconds),
        ])
      }
      let table = BenchReport.columns(rows).split(separator: "\n").map(String.init)
      text += "\n" + table[0] + "\n"
      for (line, row) in zip(lines, table.dropFirst()) {
        text += row + (bars ? "  " + bar(line, widest: widest ?? 0) : "") + "\n"
      }
    }
    if bars { text += "\n█ work  ░ coordination\n" }
    return text
  }

  /// `████░░` scaled so the biggest line is 24 cells.
  static func bar(_ line: RunStats.Line, widest: Int) -> String {
    guard widest > 0 else { return "" }
    let scale = 24.0 / Double(widest)
    let work = Int((Double(line.workTokens) * scale).rounded())
    let coordination = Int((Double(line.coordinationTokens) * scale).rounded())
    return String(repeating: "█", count: work) + String(repeating: "░", count: coordination)
  }
}
