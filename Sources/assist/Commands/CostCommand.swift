import ArgumentParser
import AssistKit
import Foundation

/// `assist cost`: spend and savings from the budget ledger, by day, tier and agent.
struct CostCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cost",
    abstract: "Summarise model spend and savings by day, tier and agent.",
    discussion: """
      Reads the settled calls in the ledger of the store ($XDG_STATE_HOME/assist/assist.sqlite), \
      shared by every repository and process. Savings are measured against the same tokens \
      priced at the strongest cloud tier in the configuration, even when its key is not set.
      """)

  @Option(help: "Only calls on or after this UTC day (YYYY-MM-DD).")
  var since: String?

  @Flag(help: "Print as JSON.")
  var json = false

  func validate() throws {
    if let since, Self.day(since) == nil {
      throw ValidationError("--since must be a UTC day as YYYY-MM-DD, got '\(since)'")
    }
  }

  func run() throws {
    let variables = ProcessInfo.processInfo.environment
    let paths = AssistPaths(variables: variables, installDirectory: "")
    let store = try Store(path: paths.storePath)
    let report = try CostReport.load(store: store, since: since.flatMap(Self.day))
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      encoder.dateEncodingStrategy = .iso8601
      print(String(decoding: try encoder.encode(report), as: UTF8.self))
      return
    }
    print(Self.render(report), terminator: "")
  }

  /// The report as text: a summary line, then one table per grouping.
  static func render(_ report: CostReport) -> String {
    let t = report.total
    guard t.calls > 0 else {
      return "no model calls recorded" + (report.since.map { " since \(day($0))" } ?? "") + "\n"
    }
    var text = "\(t.calls) calls, \(t.inputTokens + t.cachedTokens) tokens in, "
    text += "\(t.outputTokens) out: spent \(BudgetPause.dollars(t.actual)), "
    text += "all-cloud would have cost \(BudgetPause.dollars(t.counterfactual)), "
    text += "saved \(BudgetPause.dollars(t.savings))"
    if t.counterfactual > 0 {
      text += " (\(Int((t.savings / t.counterfactual * 100).rounded()))%)"
    }
    text += "\n"
    for (title, lines) in [
      ("DAY", report.byDay), ("TIER", report.byTier), ("AGENT", report.byAgent),
    ] {
      text += "\n" + table(title: title, lines)
    }
    return text
  }

  private static func table(title: String, _ lines: [CostReport.Line]) -> String {
    var rows = [[title, "CALLS", "TOKENS IN", "TOKENS OUT", "SPENT", "ALL-CLOUD", "SAVED"]]
    for l in lines {
      rows.append([
        l.key, String(l.calls), String(l.inputTokens + l.cachedTokens), String(l.outputTokens),
        BudgetPause.dollars(l.actual), BudgetPause.dollars(l.counterfactual),
        BudgetPause.dollars(l.savings),
      ])
    }
    let widths = (0..<rows[0].count).map { i in rows.map { $0[i].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { i, cell in
        i == 0
          ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[i] - cell.count) + cell
      }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }

  /// `YYYY-MM-DD` as UTC midnight.
  static func day(_ text: String) -> Date? {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, text.count == 10, (1...12).contains(parts[1]),
      (1...31).contains(parts[2])
    else { return nil }
    return UTCCalendar.date(year: parts[0], month: parts[1], day: parts[2])
  }

  private static func day(_ date: Date) -> String { UTCCalendar.dayKey(date) }
}
