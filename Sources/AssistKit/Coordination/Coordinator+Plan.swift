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
    /// Estimated tokens of the sub-agent's prompt on the smallest tier (slices, not files).
    package var promptTokens: Int
  }

  /// The places localization chose for the task, best first.
  package var places: [Place]

  /// The plan.
  package var plan: Plan
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
    var attempts: [Attempt] = []
    let plan: Plan
    if options.singleAgent {
      plan = Planner.singleSubtask(task: options.task, context: setup.context, origin: .singleAgent)
    } else {
      let planner = Planner(
        client: setup.client(environment), prompts: setup.prompts, recorder: recorder)
      (plan, attempts) = try await planner.plan(
        task: options.task, agent: try setup.agents.agent(for: .planner),
        tier: await setup.plannerTier(), context: setup.context,
        places: setup.context.places(task: options.task), parentSpan: nil)
    }
    var notices = setup.notices
    var items: [PlanPreview.Item] = []
    for subtask in plan.subtasks {
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
    if plan.origin == .fallback {
      notices.append(
        "the planner's answers were unusable (\(plan.rejections.joined(separator: "; ")))")
    }
    return PlanPreview(
      places: setup.context.places(
        task: options.task, symbols: plan.subtasks.flatMap { $0.intent?.symbols ?? [] }),
      plan: plan, items: items, planningCost: attempts.reduce(0) { $0 + $1.cost },
      verification: setup.verifier == nil
        ? "none" : (setup.notices.first { $0.hasPrefix("verifying") } ?? ""),
      notices: notices)
  }
}
