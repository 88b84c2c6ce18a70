internal import Foundation

/// What `assist plan` shows: the decomposition, each sub-task's route and a cost estimate.
package struct PlanPreview: Sendable, Encodable {
  /// One planned sub-task.
  package struct Item: Sendable, Encodable {
    /// The sub-task.
    package var subtask: Subtask
    /// The agent that would run it.
    package var agent: String
    /// The routing decision.
    package var decision: RoutingDecision
    /// Worst case of the first call on the chosen tier, dollars.
    package var worstCase: Double
    /// Estimated cost of the first call (prompt + half the reply budget), dollars.
    package var estimate: Double
    /// The places this sub-task is about, best first.
    package var places: [Place]
    /// Estimated tokens of the sub-agent's prompt on the smallest tier (slices, not files; the
    /// system prompt and ``SubtaskPrompt/reflectionReserve`` included): what routing measured.
    package var promptTokens: Int
  }

  /// One way to run the task, estimated: the split plan or the single agent.
  package struct Topology: Sendable, Encodable {
    /// `split` or `single-agent`.
    package var name: String
    /// Sub-tasks in it.
    package var subtasks: Int
    /// Sub-tasks a model runs (the rest are done by tool).
    package var modelSubtasks: Int
    /// Estimated first-call cost, dollars (planning included for the split).
    package var cost: Double
    /// Reply tokens on the longest dependency chain: sub-tasks side by side overlap, so this is
    /// what the wall time follows.
    package var criticalPathTokens: Int
  }
  /// The places localization chose for the task, best first.
  package var places: [Place]

  /// The plan.
  package var plan: Plan
  /// Both topologies, estimated side by side (empty for `--single-agent`).
  package var topologies: [Topology]
  /// Per sub-task routing and cost.
  package var items: [Item]
  /// The planner call's cost.
  package var planningCost: Double
  /// The test command that would verify candidates, and why.
  package var verification: String
  /// Notices (cloud absent, fallback plan).
  package var notices: [String]
}

extension Coordinator {
  /// Plans and routes a task without running any sub-agent (the planner call is the only call).
  package func preview(_ options: TaskOptions) async throws -> PlanPreview {
    let setup = try await RunSetup.make(
      environment: environment, repositoryPath: repositoryPath, options: options)
    let recorder = SpanRecorder(clock: ContinuousClock())
    let planned = try await RunPlan.make(
      options, setup: setup, client: setup.client(environment), recorder: recorder,
      checkpoint: nil, parentSpan: nil)
    let (plan, attempts) = (planned.plan, planned.plannerAttempts)
    let toolDone = Set(planned.toolChanges.keys)
    var notices = setup.notices + planned.notices
    var items: [PlanPreview.Item] = []
    for subtask in plan.subtasks where !toolDone.contains(subtask.id) {
      let agent = try setup.agents.agent(for: subtask.kind)
      let (decision, request) = try await setup.route(
        subtask, agent: agent, task: options.task, record: false)
      let tier = decision.tier.flatMap { name in setup.tiers.first { $0.name == name } }
      let estimate = tier?.cost(input: request.promptTokens, output: request.maxTokens / 2) ?? 0
      items.append(
        .init(
          subtask: subtask, agent: agent.name, decision: decision, worstCase: decision.worstCase,
          estimate: estimate, places: setup.places(for: subtask, task: options.task),
          promptTokens: request.promptTokens))
      if let notice = decision.notice, !notices.contains(notice) { notices.append(notice) }
    }
    var topologies: [PlanPreview.Topology] = []
    if !options.singleAgent {
      let single = Planner.singleSubtask(
        task: options.task, context: setup.context, patterns: setup.intentPatterns,
        origin: .singleAgent)
      let agent = try setup.agents.agent(for: single.subtasks[0].kind)
      let (decision, request) = try await setup.route(
        single.subtasks[0], agent: agent, task: options.task, record: false)
      let tier = decision.tier.flatMap { name in setup.tiers.first { $0.name == name } }
      topologies = [
        Self.topology(
          "split", plan: plan, items: items, toolDone: toolDone, context: setup.context,
          planning: attempts.reduce(0) { $0 + $1.cost }),
        PlanPreview.Topology(
          name: "single-agent", subtasks: 1, modelSubtasks: 1,
          cost: tier?.cost(input: request.promptTokens, output: request.maxTokens / 2) ?? 0,
          criticalPathTokens: Self.replyTokens(single.subtasks[0], context: setup.context)),
      ]
    }
    return PlanPreview(
      places: setup.context.places(
        task: options.task, symbols: plan.subtasks.flatMap { $0.intent?.symbols ?? [] }),
      plan: plan, topologies: topologies, items: items,
      planningCost: attempts.reduce(0) { $0 + $1.cost },
      verification: setup.verifier == nil
        ? "none" : (setup.notices.first { $0.hasPrefix("verifying") } ?? ""),
      notices: notices)
  }

  /// The split plan's estimate: model sub-tasks, cost, and reply tokens on its longest chain.
  private static func topology(
    _ name: String, plan: Plan, items: [PlanPreview.Item], toolDone: Set<String>,
    context: RepoContext, planning: Double
  ) -> PlanPreview.Topology {
    var path: [String: Int] = [:]
    for subtask in plan.topologicalOrder {
      let own = toolDone.contains(subtask.id) ? 0 : replyTokens(subtask, context: context)
      path[subtask.id] = own + (subtask.dependsOn.compactMap { path[$0] }.max() ?? 0)
    }
    return PlanPreview.Topology(
      name: name, subtasks: plan.subtasks.count, modelSubtasks: items.count,
      cost: items.reduce(planning) { $0 + $1.estimate },
      criticalPathTokens: path.values.max() ?? 0)
  }

  /// Tokens of a whole-file reply for `subtask`: its files as they stand.
  private static func replyTokens(_ subtask: Subtask, context: RepoContext) -> Int {
    subtask.files.reduce(0) { $0 + RepoContext.estimatedTokens(context.files[$1] ?? "") }
  }
}
