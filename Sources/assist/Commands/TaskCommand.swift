import ArgumentParser
import AssistKit
import Foundation

/// `assist task "..."`: plan, route, run sub-agents, reconcile, store a proposal.
struct TaskCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "task",
    abstract: "Plan and run a coding task with sub-agents, then store the result for review.",
    discussion: """
      The coordinator splits the task into design, migration and analysis sub-tasks, routes each \
      to the cheapest tier that can do it, checks every edit (format, match, apply-check, \
      identifiers) and runs the repository's tests on a scratch copy. Failures are fed back to \
      the same model, then escalated to the next tier. Nothing touches your working tree unless \
      you pass --apply; otherwise review with `assist review ID` and land with `assist apply ID`.

      Examples:
        assist task "add a count(name) method to Inventory in inventory.py"
        assist task "fix slugify so the tests pass" --apply
        assist task "explain how settings are parsed" --single-agent --json
      """)

  @Argument(help: "What to do, in plain words.")
  var task: String

  @OptionGroup var landing: LandingOptions

  @Flag(help: "Run the whole task as one sub-task (the single-agent baseline).")
  var singleAgent = false

  @Flag(help: "Use only the local tiers.")
  var localOnly = false

  @Flag(help: "Use only the strongest tier (the cloud baseline).")
  var cloudOnly = false

  @Option(help: "Run every call on this tier (no routing, no escalation).")
  var tier: String?

  @Option(help: "Cap this run's spend in dollars.")
  var budget: Double?

  @Flag(help: "Do not run the repository's tests on candidates.")
  var noVerify = false

  @Option(help: "The test command to verify with (overrides discovery).")
  var verifyCmd: String?

  @Option(help: "Reflection rounds per tier after a failed attempt.")
  var reflections = 2

  @Option(
    help: ArgumentHelp(
      "Make every editing sub-agent use this edit format.",
      discussion:
        "whole-file, search-replace, udiff or patch. By default a free tier asked about one named function rewrites just that function, and otherwise small files go whole."
    ))
  var editFormat: String?

  @Option(
    help: ArgumentHelp(
      "Stop starting model calls after this many seconds.",
      discussion:
        "A call in flight is cut at the limit; the run ends with what was verified so far and says why. A run stopped at its limit is never applied, even with --apply.",
      valueName: "seconds"))
  var timeLimit: Double?

  @Flag(help: "Leave every real conflict between sub-agents to the human (no arbiter calls).")
  var noArbiter = false

  @Flag(help: "Print the run as JSON (no progress lines).")
  var json = false

  @Option(help: "Append every prompt and reply to this Markdown file.")
  var transcript: String?

  func validate() throws {
    guard !task.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw ValidationError("the task is empty")
    }
    if localOnly && cloudOnly {
      throw ValidationError("--local-only and --cloud-only exclude each other")
    }
    if let budget, budget < 0 { throw ValidationError("--budget must not be negative") }
    if let timeLimit, !(timeLimit > 0) {
      throw ValidationError("--time-limit must be a positive number of seconds")
    }
    guard (0...5).contains(reflections) else { throw ValidationError("--reflections must be 0…5") }
    if let editFormat, EditFormats.standard[editFormat] == nil {
      throw ValidationError(
        "unknown --edit-format '\(editFormat)'; use one of: \(EditFormats.standard.names.joined(separator: ", "))"
      )
    }
  }

  func run() async throws {
    let environment = try LiveEnvironment.make()
    let printer = ProgressPrinter(quiet: json)
    let writer = try transcript.map { try TranscriptWriter(path: $0) }
    let coordinator = Coordinator(
      environment: environment, repositoryPath: FileManager.default.currentDirectoryPath,
      events: {
        printer.handle($0)
        writer?.handle($0)
      })
    var options = TaskOptions(
      task: task, singleAgent: singleAgent, verify: !noVerify, verifyCommand: verifyCmd,
      budget: budget,
      tiers: localOnly ? .localOnly : cloudOnly ? .cloudOnly : .all, reflections: reflections,
      pinnedTier: tier, noArbiter: noArbiter, editFormat: editFormat, timeLimit: timeLimit)
    options.landing = landing.request
    let report = try await coordinator.run(options)
    try await TaskSummary.finish(
      report, environment: environment, apply: landing.apply, here: landing.here, json: json)
  }
}
