import ArgumentParser
import AssistKit
import Foundation

/// `assist plan "..."`: the decomposition and routing of a task, with cost estimates.
struct PlanCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract:
      "Show how a task would be split and routed, with a cost estimate, without running it.",
    discussion: """
      Makes one model call (the planner; none when the task's intent is plain and its sites are \
      found by tool) and routes each sub-task; no sub-agent runs and nothing is written. Shows the \
      split and the single-agent topology side by side with their estimates, and the test command \
      that would verify candidates and why it was chosen.
      """)

  @Argument(help: "The task, as you would give it to `assist task`.")
  var task: String

  @Flag(help: "Plan it as one sub-task (the single-agent baseline).")
  var singleAgent = false

  @Flag(help: "Use only the local tiers.")
  var localOnly = false

  @Flag(help: "Use only the strongest tier.")
  var cloudOnly = false

  @Option(help: "Run every call on this tier (no routing, no escalation).")
  var tier: String?

  @Option(help: "The test command to verify with (overrides discovery).")
  var verifyCmd: String?

  @Flag(help: "Print the plan as JSON.")
  var json = false

  func validate() throws {
    if localOnly && cloudOnly {
      throw ValidationError("--local-only and --cloud-only exclude each other")
    }
  }

  func run() async throws {
    let environment = try LiveEnvironment.make()
    let coordinator = Coordinator(
      environment: environment, repositoryPath: FileManager.default.currentDirectoryPath)
    if !json { Output.progress("planning…") }
    let preview = try await coordinator.preview(
      TaskOptions(
        task: task, singleAgent: singleAgent, verifyCommand: verifyCmd,
        tiers: localOnly ? .localOnly : cloudOnly ? .cloudOnly : .all, pinnedTier: tier))
    if json { return try Output.json(preview) }
    print("places (best first):")
    if preview.places.isEmpty { print("  none: the task names nothing the index knows") }
    for place in preview.places {
      let symbol = place.symbol.isEmpty ? "" : " \(place.symbol)"
      print(
        "  \(place.path):\(place.startLine)-\(place.endLine)\(symbol)"
          + String(format: "  score %.2f", place.score)
          + "  (\(place.reasons.joined(separator: "; ")))")
    }
    print("plan (\(preview.plan.origin.rawValue)), \(preview.plan.subtasks.count) sub-task(s):")
    for s in preview.plan.subtasks where !preview.items.contains(where: { $0.subtask.id == s.id }) {
      print(
        "  \(s.id) \(s.kind.rawValue) [tool] done by tool, no model: \(s.files.joined(separator: ", "))"
      )
    }
    for item in preview.items {
      let s = item.subtask
      print(
        "  \(s.id) \(s.kind.rawValue) [\(item.agent)] difficulty \(s.difficulty)\(s.dependsOn.isEmpty ? "" : ", after \(s.dependsOn.joined(separator: ","))")"
      )
      print("     goal: \(s.goal)")
      if !s.files.isEmpty { print("     files: \(s.files.joined(separator: ", "))") }
      let shown = item.places.prefix(3).map {
        "\($0.path):\($0.startLine)-\($0.endLine) \($0.symbol)"
      }
      if !shown.isEmpty { print("     places: \(shown.joined(separator: ", "))") }
      print("     prompt: ~\(item.promptTokens) tokens")
      print(
        "     route: \(item.decision.ladder.joined(separator: " → "))"
          + String(format: "  (estimate $%.4f, worst case $%.4f)", item.estimate, item.worstCase))
      for reason in item.decision.reasons { print("       \(reason)") }
    }
    let total = preview.items.reduce(preview.planningCost) { $0 + $1.estimate }
    print(String(format: "estimated cost: $%.4f (planning $%.4f)", total, preview.planningCost))
    for topology in preview.topologies {
      print(
        "  \(topology.name): \(topology.subtasks) sub-task(s), \(topology.modelSubtasks) by a model, "
          + String(format: "estimate $%.4f", topology.cost)
          + ", ~\(topology.criticalPathTokens) reply tokens on the longest chain")
    }
    print("verification: \(preview.verification)")
    for notice in preview.notices { print("note: \(notice)") }
  }
}
