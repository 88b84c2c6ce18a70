/// A run's plan and how it was made: by tool, for one file, by the planner or from a checkpoint;
/// then multi-file migrations expanded per file or done by tool.
struct RunPlan: Sendable {
  /// The plan the run executes.
  var plan: Plan
  /// The planner's calls (none when the plan was made without it).
  var plannerAttempts: [Attempt]
  /// Changes made by tool per sub-task id: those sub-tasks need no model.
  var toolChanges: [String: [EditApplier.FileChange]]
  /// What the tool did per sub-task id, for its result's detail.
  var toolNotes: [String: String] = [:]
  /// What to tell the user about how the plan came about.
  var notices: [String]

  /// Plans `options.task`: a plan made by tool when the task's intent is plain and its sites are
  /// known, one agent when the task is plainly one file's, else the planner (a model call).
  /// - Parameters:
  ///   - checkpoint: A resumed run's checkpoint, whose plan is reused as it was.
  ///   - parentSpan: The plan span the planner's calls go under.
  /// - Throws: `CancellationError`, agent-library errors.
  static func make(
    _ options: TaskOptions, setup: RunSetup, client: ModelClient, recorder: SpanRecorder,
    checkpoint: RunCheckpoint?, parentSpan: Int?
  ) async throws -> RunPlan {
    let lookup = RepoContextLookup(context: setup.context)
    if let checkpoint {
      return RunPlan(
        plan: checkpoint.plan, plannerAttempts: checkpoint.plannerAttempts, toolChanges: [:],
        notices: [])
    }
    if options.singleAgent {
      return RunPlan(
        plan: Planner.singleSubtask(
          task: options.task, context: setup.context, patterns: setup.intentPatterns,
          origin: .singleAgent),
        plannerAttempts: [], toolChanges: [:], notices: [])
    }
    var plan: Plan
    var attempts: [Attempt] = []
    var notices: [String] = []
    if let byTool = Coordinator.toolPlan(
      task: options.task, patterns: setup.intentPatterns, lookup: lookup)
    {
      plan = byTool
    } else if let single = Coordinator.oneFilePlan(
      task: options.task, context: setup.context, lookup: lookup, patterns: setup.intentPatterns)
    {
      plan = single
    } else {
      let planner = Planner(
        client: client, prompts: setup.prompts, recorder: recorder,
        intentPatterns: setup.intentPatterns)
      (plan, attempts) = try await planner.plan(
        task: options.task, agent: try setup.agents.agent(for: .planner),
        tier: await setup.plannerTier(), context: setup.context,
        places: setup.context.places(task: options.task), parentSpan: parentSpan)
      if plan.origin == .fallback {
        notices.append(
          "the planner's answers were unusable (\(plan.rejections.joined(separator: "; "))); running the task as one sub-task"
        )
      }
    }
    // Multi-file migrations become one sub-task per file, or one done by tool with no model.
    let split = MigrationSplit(lookup: lookup, patterns: setup.intentPatterns).expand(plan)
    plan = split.plan
    return RunPlan(
      plan: plan, plannerAttempts: attempts, toolChanges: split.toolChanges,
      toolNotes: split.toolNotes, notices: notices + split.notes)
  }
}
