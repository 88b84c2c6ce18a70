import ArgumentParser
import AssistKit
import Foundation

/// `assist resume ID`: continue a run that a budget cap paused or Ctrl-C interrupted.
struct ResumeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resume",
    abstract: "Continue a paused or interrupted run; finished sub-tasks are reused, not re-run.",
    discussion: """
      A run pauses when a call would cross a budget cap and no free tier can take it, and stops \
      when interrupted. Its plan and finished sub-tasks are kept; `assist resume ID` runs the \
      rest, from the same base commit. Raise the cap for this run with --budget.
      """)

  @Argument(help: "The run id (or a unique prefix).")
  var id: String

  @Option(help: "A new spending cap for this run, in dollars.")
  var budget: Double?

  @OptionGroup var landing: LandingOptions

  @Flag(help: "Print the run as JSON.")
  var json = false

  func run() async throws {
    let environment = try LiveEnvironment.make()
    let printer = ProgressPrinter(quiet: json)
    let coordinator = Coordinator(
      environment: environment, repositoryPath: FileManager.default.currentDirectoryPath,
      events: { printer.handle($0) })
    let report = try await coordinator.resume(id, budget: budget)
    // The run's own --apply/--here hold unless these flags say otherwise.
    let original = try RunStore(Store(path: environment.paths.storePath))
      .checkpoint(report.run.id)?.options.landing
    let (apply, here) = landing.honouring(original)
    try await TaskSummary.finish(
      report, environment: environment, apply: apply, here: here, json: json)
  }
}
