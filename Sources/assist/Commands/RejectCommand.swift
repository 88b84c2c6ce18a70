import ArgumentParser
import AssistKit
import Foundation

/// `assist reject ID`: discard a proposal (it stays in the store for history).
struct RejectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reject",
    abstract: "Discard a run's proposal; nothing is applied and the run is marked rejected.",
    discussion:
      "The proposal is kept for `assist show`. An applied run is undone with `assist undo`.")

  @Argument(help: "The run id (or a unique prefix of it).")
  var id: String

  @Flag(help: "Print as JSON.")
  var json = false

  func run() throws {
    let run = try StoredProposal.reject(id, runs: try UserStore.open())
    if json { return try Output.json(["run": run.id, "status": run.status.rawValue]) }
    print("rejected run \(run.id)")
  }
}
