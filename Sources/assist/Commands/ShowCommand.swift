import ArgumentParser
import AssistKit
import Foundation

/// `assist show ID`: the whole story of one run.
struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show a run: task, plan, routing decisions, escalations, conflicts, proposal, cost.")

  @Argument(help: "The run id (or a unique prefix of it).")
  var id: String

  @Flag(help: "Print as JSON.")
  var json = false

  func run() throws {
    let report = try RunReport(id, runs: try UserStore.open())
    if json { return try Output.json(report) }
    print(report.text(now: Date().timeIntervalSince1970), terminator: "")
  }
}
