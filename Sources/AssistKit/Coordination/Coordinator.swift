internal import Foundation
internal import Git

/// Runs `assist task`: plan → route → run sub-agents (DAG, concurrently) → reconcile → store.
///
/// Owns the run's state; sub-agents are values run in a task group. Only the coordinator decides
/// to stop a run; every recoverable failure is recorded and acted on (reflect, escalate, fall back).
package actor Coordinator {
  let environment: Environment
  let repositoryPath: String
  private let events: RunEventSink

  /// Creates a coordinator for the repository containing `directory`.
  package init(
    environment: Environment, repositoryPath: String, events: @escaping RunEventSink = { _ in }
  ) {
    self.environment = environment
    self.repositoryPath = repositoryPath
    self.events = events
  }

  /// Runs a task to a stored proposal (nothing is applied here).
  /// - Throws: Configuration and repository errors; model failures end in the report instead.
  package func run(_ options: TaskOptions) async throws -> TaskReport {
    try await run(options, resuming: nil)
  }

  /// Continues a paused or interrupted run: finished sub-tasks are reused, the rest run.
  /// - Parameters:
  ///   - runID: The run.
  ///   - budget: A new per-run cap, if the old one stopped it.
  /// - Throws: ``TaskError/notResumable(_:)`` when the run has no checkpoint or already finished.
  package func resume(_ runID: String, budget: Double? = nil) async throws -> TaskReport {
    let store = try Store(path: environment.paths.storePath)
    let runs = RunStore(store)
    let record = try runs.run(runID)
    guard [.paused, .cancelled, .running, .interrupted].contains(record.status),
      var checkpoint = try runs.checkpoint(record.id)
    else {
      throw TaskError.notResumable(
        "run \(record.id) is \(record.status.rawValue); only paused or interrupted runs resume")
    }
    if let budget { checkpoint.options.budget = budget }
    return try await run(checkpoint.options, resuming: (record, checkpoint))
  }

  private func run(_ options: TaskOptions, resuming: (RunRecord, RunCheckpoint)?) async throws
    -> TaskReport
  {
    let deadline = options.timeLimit.map { RunDeadline(seconds: $0) }
    let setup = try await RunSetup.make(
      environment: environment, repositoryPath: repositoryPath, options: options,
      runID: resuming?.0.id,
      baseCommit: resuming?.1.baseCommit)
    let runs = RunStore(setup.store)
    try runs.markInterrupted()
    var run =
      resuming?.0
      ?? RunRecord(
        id: setup.runID, createdAt: Date().timeIntervalSince1970, repository: setup.root,
        command: "task",
        task: options.task, status: .running)
    run.status = .running
    run.owner = .current
    try runs.save(run)
    let recorder = SpanRecorder(clock: ContinuousClock())
    let runSpan = await recorder.begin(.run)
    var notices = setup.notices
    // One client per run, on the run's health: routing skips the tiers its failures bench.
    let client = setup.client(environment)

    // Plan: by tool when the task's intent is plain and its sites are known, else the planner.
    let planSpan = await recorder.begin(.plan, parent: runSpan)
    // Past the limit already (a slow load): the whole task as one sub-task, no planner call.
    var planOptions = options
    if deadline?.hasPassed == true { planOptions.singleAgent = true }
    let planned = try await RunPlan.make(
      planOptions, setup: setup, client: client, recorder: recorder, checkpoint: resuming?.1,
      parentSpan: planSpan)
    let (plannerAttempts, toolChanges) = (planned.plannerAttempts, planned.toolChanges)
    for notice in planned.notices {
      notices.append(notice)
      events(.notice(notice))
    }
    let plan = planned.plan
    let promptTokens = plannerAttempts.first.map { String($0.inputTokens) } ?? "0"
    await recorder.end(planSpan) {
      $0.attributes["origin"] = plan.origin.rawValue
      $0.attributes["prompt_tokens"] = promptTokens
    }
    events(.planned(plan))
    let places = setup.context.places(
      task: options.task, symbols: plan.subtasks.flatMap { $0.intent?.symbols ?? [] })

    // Route.
    var decisions: [String: RoutingDecision] = [:]
    for subtask in plan.subtasks where toolChanges[subtask.id] == nil {
      let agent = try setup.agents.agent(for: subtask.kind)
      let (decision, _) = try await setup.route(subtask, agent: agent, task: options.task)
      decisions[subtask.id] = decision
      events(.routed(subtask: subtask.id, ladder: decision.ladder, reasons: decision.reasons))
      if let notice = decision.notice, !notices.contains(notice) {
        notices.append(notice)
        events(.notice(notice))
      }
    }

    // Run the DAG.
    let billing = LedgerBilling(ledger: setup.routing.ledger, runID: setup.runID)
    let agentRunner = {
      var runner = SubAgent(
        client: client, prompts: setup.prompts, verifier: setup.verifier, billing: billing,
        recorder: recorder,
        events: events, checkCommands: setup.config.checkCommands)
      runner.retry = setup.routing.router.policy.retry
      runner.deadline = deadline
      return runner
    }()
    var results: [String: SubtaskResult] = [:]
    for finished in resuming?.1.finished ?? [] where finished.status != .paused {
      results[finished.subtask.id] = finished
    }
    var pending = plan.topologicalOrder.filter { results[$0.id] == nil }
    func checkpoint() {
      try? runs.save(
        checkpoint: RunCheckpoint(
          options: options, plan: plan, plannerAttempts: plannerAttempts,
          finished: plan.subtasks.compactMap { results[$0.id] }, baseCommit: setup.baseCommit),
        runID: setup.runID)
    }
    checkpoint()
    // Slots per tier: each sub-task holds one on the tier it starts on, so the 0.5B and 1.5B
    // servers work at once; sub-tasks done by tool hold none.
    var slots = setup.slotTracker(decisions: decisions)
    do {
      try await withThrowingTaskGroup(of: SubtaskResult.self) { group in
        var running = 0
        while !pending.isEmpty || running > 0 {
          try Task.checkCancellation()
          // Start every ready sub-task whose dependencies finished and whose tier has a free slot.
          var started = false
          for subtask in pending
          where (toolChanges[subtask.id] != nil || slots.isFree(for: subtask.id))
            && subtask.dependsOn.allSatisfy({ results[$0] != nil })
          {
            pending.removeAll { $0.id == subtask.id }
            let dependencies = subtask.dependsOn.compactMap { results[$0] }
            if let changes = toolChanges[subtask.id] {
              let note = planned.toolNotes[subtask.id] ?? "done by tool, no model"
              results[subtask.id] = Self.toolResult(subtask, changes: changes, note: note)
              events(.subtaskFinished(subtask: subtask.id, status: "accepted"))
              started = true
              continue
            }
            if dependencies.contains(where: { $0.status == .failed || $0.status == .paused }) {
              var skipped = SubtaskResult(
                subtask: subtask, agent: "-", status: .failed, tier: nil, model: nil, changes: [],
                handBack: HandBack(reply: ""), attempts: [],
                detail: "skipped: a sub-task it depends on did not finish")
              skipped.agent = (try? setup.agents.agent(for: subtask.kind).name) ?? "-"
              results[subtask.id] = skipped
              events(.subtaskFinished(subtask: subtask.id, status: "skipped"))
              started = true
              continue
            }
            if let deadline, deadline.hasPassed {
              results[subtask.id] = SubtaskResult(
                subtask: subtask, agent: (try? setup.agents.agent(for: subtask.kind).name) ?? "-",
                status: .failed, tier: nil, model: nil, changes: [], handBack: HandBack(reply: ""),
                attempts: [], detail: deadline.reason)
              results[subtask.id]?.stoppedAtTimeLimit = true
              events(.subtaskFinished(subtask: subtask.id, status: "failed"))
              started = true
              continue
            }
            if let pause = decisions[subtask.id]?.pause {
              results[subtask.id] = SubtaskResult(
                subtask: subtask, agent: (try? setup.agents.agent(for: subtask.kind).name) ?? "-",
                status: .paused,
                tier: nil, model: nil, changes: [], handBack: HandBack(reply: ""), attempts: [],
                detail: pause.description)
              events(.subtaskFinished(subtask: subtask.id, status: "paused"))
              started = true
              continue
            }
            // Nothing to run it on: say why for every tier rather than "tried" nothing.
            if let decision = decisions[subtask.id], decision.ladder.isEmpty {
              results[subtask.id] = SubtaskResult(
                subtask: subtask, agent: (try? setup.agents.agent(for: subtask.kind).name) ?? "-",
                status: .failed, tier: nil, model: nil, changes: [], handBack: HandBack(reply: ""),
                attempts: [], detail: decision.notice ?? SubAgent.emptyLadderText)
              events(.subtaskFinished(subtask: subtask.id, status: "failed"))
              started = true
              continue
            }
            var agent = try setup.agents.agent(for: subtask.kind)
            if let format = options.editFormat, agent.editFormat != "none",
              subtask.kind != .analysis
            {
              agent.editFormat = format
            }
            // Tiers benched since routing (by an earlier sub-task's failures) are not retried.
            let (ladder, skipped) = await setup.ladder(decisions[subtask.id]?.ladder ?? [])
            for reason in skipped {
              let notice = "\(subtask.id): \(reason)"
              notices.append(notice)
              events(.notice(notice))
            }
            let inputs = SubAgent.Inputs(
              runID: setup.runID, task: options.task, subtask: subtask,
              agent: agent, context: setup.context,
              dependencyChanges: Self.composedChanges(of: dependencies),
              dependencyFindings: dependencies.flatMap(\.handBack.findings),
              ladder: ladder, reflections: options.reflections,
              repositoryPath: setup.root, baseCommit: setup.baseCommit,
              places: setup.places(for: subtask, task: options.task))
            running += 1
            slots.take(for: subtask.id)
            started = true
            group.addTask {
              let span = await recorder.begin(.subtask, parent: runSpan, subtask: subtask.id)
              let result = try await agentRunner.run(inputs, parentSpan: span)
              await recorder.end(span) { $0.attributes["status"] = result.status.rawValue }
              return result
            }
          }
          if running == 0 {
            if !started { break }
            continue
          }
          if let result = try await group.next() {
            running -= 1
            slots.release(for: result.subtask.id)
            results[result.subtask.id] = result
            events(.subtaskFinished(subtask: result.subtask.id, status: result.status.rawValue))
            setup.recordHistory(result, runID: setup.runID)
            checkpoint()
          }
        }
      }
    } catch is CancellationError {
      checkpoint()
      run.status = .cancelled
      run.detail = "interrupted; nothing was applied (assist resume \(setup.runID) continues it)"
      try runs.save(run)
      throw CancellationError()
    }

    // Reconcile and store.
    var ordered = plan.subtasks.compactMap { results[$0.id] }
    for note in Self.completeContractImports(&ordered, contract: plan.contract) {
      notices.append(note)
      events(.notice(note))
    }
    // Stopped by --time-limit: no arbiter call either, and the report says why in one line.
    let stopped = ordered.first { $0.stoppedAtTimeLimit == true }?.detail
    var reconcileOptions = options
    if let stopped {
      reconcileOptions.noArbiter = true
      notices.append(stopped)
      events(.notice(stopped))
    }
    let reconcileSpan = await recorder.begin(.reconcile, parent: runSpan)
    let reconciler = await setup.reconciler(
      options: reconcileOptions, client: client, billing: billing)
    var proposal = try await reconciler.reconcile(
      runID: setup.runID, task: options.task, baseCommit: setup.baseCommit, plan: plan,
      results: ordered, base: setup.context.files)
    let leftovers = Self.checkContract(
      &proposal, plan: plan, results: ordered, base: setup.context.files)
    if !leftovers.isEmpty {
      notices.append(
        "old references left after the change: \(leftovers.prefix(10).joined(separator: ", "))"
          + (leftovers.count > 10 ? " and \(leftovers.count - 10) more" : ""))
    }
    let conflictCount = String(proposal.conflicts.count)
    await recorder.end(reconcileSpan) { $0.attributes["conflicts"] = conflictCount }
    // The proposal as a whole, tested once: sub-tasks were verified one by one, and what lands
    // together is what the commit's Assist-Verified trailer must vouch for. Left unset while
    // conflicts wait for the reviewer (the landed content is not known yet).
    if !proposal.hunks.isEmpty, proposal.conflicts.isEmpty, let verifier = setup.verifier {
      let span = await recorder.begin(.verify, parent: runSpan)
      proposal.verification = await verifier.summary(of: Self.composedChanges(of: ordered))
      let verdict = proposal.verification.map { $0.candidatePassed ? "passed" : "failed" }
      await recorder.end(span) { $0.attributes["verdict"] = verdict ?? "not run" }
    }
    await recorder.end(runSpan)
    let spans = await recorder.all()
    let overhead = Overhead(
      spans: spans,
      dependencies: Dictionary(uniqueKeysWithValues: plan.subtasks.map { ($0.id, $0.dependsOn) }))
    let attempts = plannerAttempts + ordered.flatMap(\.attempts)
    run.cost = attempts.reduce(0) { $0 + $1.cost }
    run.counterfactualCost = attempts.reduce(0) {
      $0
        + (setup.cloudPrice.map { p in Tier(name: "", model: "", endpoints: [], price: p) }?
          .cost(input: $1.inputTokens, output: $1.outputTokens, cached: $1.cachedTokens) ?? $1.cost)
    }
    run.tokens = attempts.reduce(0) { $0 + $1.tokens }
    run.overheadRatio = overhead.ratio
    run.files = proposal.files.count
    if ordered.contains(where: { $0.status == .paused }) {
      run.status = .paused
      run.detail =
        (ordered.first { $0.status == .paused }?.detail ?? "paused at a budget cap")
        + " (assist resume \(setup.runID) continues it)"
    } else if proposal.hunks.isEmpty && proposal.findings.isEmpty {
      run.status = .failed
      run.detail = ordered.first { $0.status == .failed }?.detail ?? "no sub-task produced anything"
    } else {
      run.status = .proposed
      let failed = ordered.filter { $0.status == .failed }
      run.detail =
        failed.isEmpty
        ? ""
        : "\(failed.count) sub-task(s) failed: "
          + failed.map { "\($0.subtask.id): \($0.detail)" }.joined(separator: "; ")
      if !leftovers.isEmpty {
        run.detail +=
          (run.detail.isEmpty ? "" : "; ") + "\(leftovers.count) old reference(s) left"
      }
      if let broken = proposal.verification?.newlyFailing, !broken.isEmpty {
        run.detail +=
          (run.detail.isEmpty ? "" : "; ")
          + "together the changes break \(broken.joined(separator: ", ")): review before applying"
      }
    }
    if let stopped, !run.detail.hasPrefix(stopped) {
      run.detail = stopped + (run.detail.isEmpty ? "" : "; " + run.detail)
    }
    if !proposal.hunks.isEmpty || !proposal.findings.isEmpty { try runs.save(proposal) }
    try runs.save(run)
    try runs.save(spans: spans, runID: setup.runID)
    var detail = RunDetail(runID: setup.runID, plan: plan, results: ordered)
    detail.places = places
    try runs.save(detail: detail)
    var report = TaskReport(
      run: run, plan: plan, plannerAttempts: plannerAttempts, results: ordered,
      decisions: decisions,
      proposal: proposal.hunks.isEmpty && proposal.findings.isEmpty ? nil : proposal,
      notices: notices,
      overhead: overhead, places: places)
    report.stoppedByTimeLimit = stopped != nil
    return report
  }

  /// The files as a set of finished dependencies left them (later in the list wins).
  static func composedChanges(of results: [SubtaskResult]) -> [EditApplier.FileChange] {
    var byPath: [String: EditApplier.FileChange] = [:]
    var order: [String] = []
    for result in results where result.status == .accepted {
      for change in result.changes {
        if let existing = byPath[change.path] {
          byPath[change.path] = EditApplier.FileChange(
            path: change.path, old: existing.old, new: change.new)
        } else {
          byPath[change.path] = change
          order.append(change.path)
        }
      }
    }
    return order.compactMap { byPath[$0] }
  }
}
