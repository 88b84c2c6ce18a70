import ArgumentParser
import AssistKit
import Foundation
import Git

/// `assist undo`: revert what assist landed.
struct UndoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "undo",
    abstract: "Revert the commits assist made for a run (the latest run by default).",
    discussion: """
      assist finds its commits on the current branch by their Assist-Run trailer and reverts them \
      in one new commit. It refuses when later commits changed the same lines, or when the files \
      it would change have uncommitted edits.
      """)

  @Argument(help: "The run id (as printed by `assist apply`); default: the latest run.")
  var id: String?

  @Option(name: [.customShort("C"), .long], help: "The repository (default: the current folder).")
  var repository: String = "."

  @Flag(help: "Print as JSON.")
  var json = false

  func run() async throws {
    let workspace = try Workspace(at: repository)
    // A prefix, as `assist log` prints it, resolves through the store to the full run id.
    var runID = id
    if let id, let environment = try? LiveEnvironment.make(),
      let run = try? RunStore(Store(path: environment.paths.storePath)).run(id)
    {
      runID = run.id
    }
    let landed = try await workspace.undo(runID: runID)
    ApplyCommand.note(landed)
    if json { return try Output.json(LandedOutput(landed)) }
    print(
      "undid run \(landed.runID) as \(landed.commit.short) on \(landed.branch ?? "detached HEAD")")
    ApplyCommand.printFiles(landed.files)
  }
}
