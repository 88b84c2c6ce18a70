internal import Foundation
internal import Git

/// Runs one sub-task up its tier ladder: prompt, call, parse, gate, verify, reflect, escalate.
///
/// Never applies anything: the result is a candidate (file contents) that passed the gate and, when
/// a test command exists, the repository's tests on a scratch copy. A failure on every tier is a
/// clear report ("no tier could do this"), never a guess.
package struct SubAgent: Sendable {
  /// Everything a sub-agent needs, as values.
  package struct Inputs: Sendable {
    package var runID: String
    package var task: String
    package var subtask: Subtask
    package var agent: AgentDefinition
    package var context: RepoContext
    /// Files as the sub-tasks this one depends on left them (path → content; nil = deleted).
    package var dependencyChanges: [EditApplier.FileChange]
    /// Findings of the sub-tasks this one depends on.
    package var dependencyFindings: [String]
    /// Tiers to try, cheapest first.
    package var ladder: [Tier]
    /// Reflection rounds per tier after the first attempt.
    package var reflections: Int
    /// The repository's work tree (the gate opens its own handle on it).
    package var repositoryPath: String
    /// The base commit.
    package var baseCommit: String
    /// The places localization chose for this sub-task, best first.
    package var places: [Place]

    package init(
      runID: String, task: String, subtask: Subtask, agent: AgentDefinition, context: RepoContext,
      dependencyChanges: [EditApplier.FileChange] = [], dependencyFindings: [String] = [],
      ladder: [Tier], reflections: Int = 2, repositoryPath: String, baseCommit: String,
      places: [Place] = []
    ) {
      self.places = places
      self.runID = runID
      self.task = task
      self.subtask = subtask
      self.agent = agent
      self.context = context
      self.dependencyChanges = dependencyChanges
      self.dependencyFindings = dependencyFindings
      self.ladder = ladder
      self.reflections = reflections
      self.repositoryPath = repositoryPath
      self.baseCommit = baseCommit
    }
  }

  /// Calls models.
  package var client: ModelClient
  /// Loads prompt templates.
  package var prompts: PromptLibrary
  /// Judges candidates with the repository's tests.
  package var verifier: (any CandidateVerifying)?
  /// Reserves and settles paid calls.
  package var billing: (any CallBilling)?
  /// Records spans.
  package var recorder: SpanRecorder
  /// Receives progress.
  package var events: RunEventSink
  /// Chooses the edit format per tier.
  package var formatChoice: EditFormatChoice
  /// Gate settings (check commands).
  package var checkCommands: [String: String]
  /// What a round changes after a duplicate candidate (the policy's `retry:`).
  package var retry = RetryRule()
  /// Past it no new model call starts and a call in flight is cut (`--time-limit`); `nil` = none.
  package var deadline: RunDeadline?

  /// Creates a sub-agent runner.
  package init(
    client: ModelClient, prompts: PromptLibrary, verifier: (any CandidateVerifying)?,
    billing: (any CallBilling)?, recorder: SpanRecorder, events: @escaping RunEventSink,
    formatChoice: EditFormatChoice = .init(), checkCommands: [String: String] = [:]
  ) {
    self.client = client
    self.prompts = prompts
    self.verifier = verifier
    self.billing = billing
    self.recorder = recorder
    self.events = events
    self.formatChoice = formatChoice
    self.checkCommands = checkCommands
  }

  /// The failure of a sub-task given no tier at all (the router's notice says why, per tier).
  package static let emptyLadderText = "not run: routing left no tier for it (see assist show)"

  /// Runs the sub-task.
  /// - Throws: `CancellationError` when the run is cancelled; every other failure is a result.
  package func run(_ given: Inputs, parentSpan: Int?) async throws -> SubtaskResult {
    var result = SubtaskResult(
      subtask: given.subtask, agent: given.agent.name, status: .failed, tier: nil, model: nil,
      changes: [], handBack: HandBack(reply: ""), attempts: [], detail: "")
    do {
      return try await climb(given, result: &result, parentSpan: parentSpan)
    } catch let passed as RunDeadline.Passed {
      // The attempts so far stay in the result; nothing of this sub-task is proposed.
      result.status = .failed
      result.changes = []
      result.detail = passed.description
      result.stoppedAtTimeLimit = true
      return result
    }
  }

  /// The ladder, the sampling round and the final report; `result` keeps the attempts made.
  private func climb(_ given: Inputs, result: inout SubtaskResult, parentSpan: Int?) async throws
    -> SubtaskResult
  {
    var inputs = given
    var lastFailure = ""
    guard !inputs.ladder.isEmpty else {
      result.detail = Self.emptyLadderText
      return result
    }
    let baseline =
      inputs.subtask.kind == .analysis ? nil : await verifier?.baselineFailure(focusedOn: [])
    if baseline != nil, let notice = await verifier?.baselineNotice() {
      events(.notice("\(inputs.subtask.id): \(notice)"))
    }
    // The failing tests' frames join the evidence: a traceback names the function that failed.
    if let baseline, !baseline.isEmpty {
      inputs.places = inputs.context.places(
        task: inputs.task, goal: inputs.subtask.goal,
        symbols: inputs.subtask.intent?.symbols ?? [], files: inputs.subtask.files,
        failure: baseline)
    }
    if let fixed = await repairRound(inputs: inputs, baseline: baseline, result: &result) {
      return fixed
    }
    var previousTier: String?
    var ledger = CandidateLedger()
    var sampled = false
    for (step, tier) in inputs.ladder.enumerated() {
      // The free rungs are spent: independent samples on them before any paid call.
      if !sampled, !tier.isFree, inputs.ladder[..<step].contains(where: \.isFree) {
        sampled = true
        if let done = try await sampleRound(
          inputs: inputs, baseline: baseline, result: &result, ledger: &ledger,
          parentSpan: parentSpan)
        {
          return done
        }
      }
      // A tier benched during this sub-task (its endpoints kept failing) is not escalated onto
      // while a later one remains; it would fail at once without sending anything.
      if step > 0, step < inputs.ladder.count - 1,
        await !client.health.benchedTiers(among: [tier]).isEmpty
      {
        events(.notice("\(inputs.subtask.id): \(tier.name) skipped: in cooldown"))
        continue
      }
      if let from = previousTier {
        events(
          .escalated(subtask: inputs.subtask.id, from: from, to: tier.name, reason: lastFailure))
        let span = await recorder.begin(
          .escalation, parent: parentSpan, subtask: inputs.subtask.id, tier: tier.name)
        await recorder.end(span) { $0.attributes["from"] = from }
      }
      previousTier = tier.name
      do {
        if let done = try await attemptTier(
          tier, step: step, inputs: inputs, lastFailure: lastFailure,
          baseline: baseline, result: &result, ledger: &ledger, parentSpan: parentSpan)
        {
          return done
        }
      } catch let error as BudgetExceeded {
        result.status = .paused
        result.detail = error.message
        return result
      }
      lastFailure = result.attempts.last?.detail ?? lastFailure
    }
    if !sampled,
      let done = try await sampleRound(
        inputs: inputs, baseline: baseline, result: &result, ledger: &ledger,
        parentSpan: parentSpan)
    {
      return done
    }
    lastFailure = result.attempts.last?.detail ?? lastFailure
    let tried = inputs.ladder.map(\.name).joined(separator: " → ")
    result.detail = "no tier could do this (tried \(tried)); last problem: \(lastFailure)"
    return result
  }

  /// Tries one tier with its reflection rounds; returns the finished result or `nil` to escalate.
  /// A refused candidate that repeats an earlier one (``CandidateLedger``) makes the next round
  /// differ (``RetryRound``): another format, a hotter sample with a new seed, the failing
  /// assertion and the last diff, or the next tier.
  private func attemptTier(
    _ tier: Tier, step: Int, inputs: Inputs, lastFailure: String, baseline: String?,
    result: inout SubtaskResult, ledger: inout CandidateLedger, parentSpan: Int?
  ) async throws -> SubtaskResult? {
    let setup: TierSetup
    switch try await prepare(
      tier, step: step, inputs: inputs, lastFailure: lastFailure, baseline: baseline)
    {
    case .success(let made): setup = made
    case .failure(let failure):
      result.detail = failure.text
      return result
    }
    let (scope, current, escalatedFrom, planned) =
      (setup.scope, setup.current, setup.escalatedFrom, setup.planned)
    let isAnalysis = inputs.subtask.kind == .analysis
    var (focus, view, formatName, format) =
      (setup.focus, setup.view, setup.formatName, setup.format)
    let sliced = format as? SliceFormat
    var focusedBaseline = setup.focusedBaseline
    var padding = 0
    var retryRound = RetryRound(rule: retry, firstRung: step == 0, canSwitchFormat: planned != nil)
    var testFailure: String?
    var messages = setup.messages
    var prior: [EditApplier.FileChange] = inputs.dependencyChanges
    // Functions of a multi-function fix already fixed in an earlier round (``keepHalf``).
    var kept: [EditApplier.FileChange] = []
    // Focused samples on the first tier are cheap (a few hundred tokens): take a few more there.
    let rounds = inputs.reflections + (focus != nil && step == 0 ? FunctionFocus.extraSamples : 0)
    for round in 0...rounds {
      try Task.checkCancellation()
      events(
        .attemptStarted(
          subtask: inputs.subtask.id, tier: tier.name, round: round, format: formatName))
      // Focused rounds are fresh samples; a hotter one finds what a cold one keeps missing.
      let call = try await call(
        tier, messages: messages, inputs: inputs, round: round, format: formatName,
        bounds: ReplyBounds(
          format: format,
          sliceBytes: (format as? FunctionFormat)?.source.utf8.count
            ?? scope.reduce(0) { $0 + ((current[$1] ?? nil)?.utf8.count ?? 0) },
          defaultPath: scope.count == 1 ? scope[0] : nil),
        temperature: retryRound.temperature(
          base: round == 0 ? inputs.agent.temperature : focus == nil ? 0.4 : 0.8),
        seed: retryRound.seed, parentSpan: parentSpan)
      var attempt = call.attempt
      attempt.strategy = retryRound.strategy
      guard let reply = call.reply else {
        result.attempts.append(attempt)
        events(
          .attemptFinished(
            subtask: inputs.subtask.id, tier: tier.name, round: round, outcome: attempt.detail,
            accepted: false))
        return nil  // the tier failed (unreachable, context too long): escalate
      }
      let handBack = HandBack(reply: reply)
      if isAnalysis {
        guard !handBack.findings.isEmpty || !handBack.rationale.isEmpty else {
          attempt.stage = "parse"
          attempt.detail = "no findings in the reply"
          result.attempts.append(attempt)
          messages += [
            ChatMessage.assistant(reply),
            ChatMessage.user("Answer with findings, one per line, each starting with \"- \"."),
          ]
          continue
        }
        attempt.stage = "accepted"
        attempt.detail = "\(handBack.findings.count) findings"
        result.attempts.append(attempt)
        await markWork(attempt)
        events(
          .attemptFinished(
            subtask: inputs.subtask.id, tier: tier.name, round: round, outcome: attempt.detail,
            accepted: true))
        return finish(
          &result, status: .findings, tier: tier, handBack: handBack, changes: [],
          detail: attempt.detail)
      }
      guard let roundFormat = format else { return nil }
      let outcome = try await gate(
        reply: reply, format: roundFormat, inputs: inputs, prior: prior, scope: scope,
        parentSpan: parentSpan)
      if !outcome.accepted {
        attempt.stage = outcome.stage.rawValue
        attempt.detail = Self.oneLine(outcome)
        attempt.duplicate = ledger.record(changes: outcome.changes, reply: reply)
        result.attempts.append(attempt)
        events(
          .attemptFinished(
            subtask: inputs.subtask.id, tier: tier.name, round: round, outcome: attempt.detail,
            accepted: false))
        if sliced != nil, padding == 0,
          outcome.parseError?.reason.hasPrefix(SliceFormat.outsideReason) == true
        {
          // The edit needs code the slice did not show: one more round with a wider slice.
          padding = Self.widerPadding
          view = scopeView(
            inputs, tier: tier, scope: scope, padding: padding, baseline: baseline)
          let wider = SliceFormat(slices: view.slices, files: current.compactMapValues { $0 })
          format = wider
          messages = [
            messages[0],
            .user(
              try prompt(
                inputs, view: view, format: wider, scope: scope, baseline: baseline,
                escalatedFrom: escalatedFrom)
                + "\n\nAn earlier answer quoted code that was not shown (\(outcome.feedback.prefix(300))). More of the file is shown now; quote only lines shown."
            ),
          ]
          continue
        }
        if let focus {
          messages[1] = .user(
            try focusedPrompt(
              inputs, focus: focus, baseline: focusedBaseline, escalatedFrom: escalatedFrom,
              previous: Self.refusalNote(
                outcome.changes.allSatisfy { $0.old == $0.new } && outcome.parseError == nil
                  ? "An earlier answer returned the function unchanged, so the bug is still there."
                  : "An earlier answer was not usable:\n\n" + outcome.feedback)))
        } else {
          messages += [
            ChatMessage.assistant(reply),
            ChatMessage.user(try prompts.render("reflection", ["feedback": outcome.feedback])),
          ]
        }
        if outcome.stage == .match { prior = outcome.changes.isEmpty ? prior : outcome.changes }
        let next = retryRound.next(
          duplicate: attempt.duplicate == true, parsedNothing: outcome.changes.isEmpty,
          refusal: attempt.detail, round: round)
        if next == .escalate { return nil }
        if next == .switchFormat, let planned {
          (focus, formatName, format) = (planned, planned.name, planned)
          focusedBaseline = await verifier?.baselineFailure(focusedOn: planned.names)
          messages = [
            messages[0],
            .user(
              try focusedPrompt(
                inputs, focus: planned, baseline: focusedBaseline, escalatedFrom: escalatedFrom,
                previous: Self.refusalNote("An earlier answer was not usable: " + attempt.detail))),
          ]
        }
        if next == .showFailure {
          Self.appendFailure(
            to: &messages, failure: testFailure ?? focusedBaseline ?? baseline,
            diff: CandidateLedger.diff(outcome.changes))
        }
        continue
      }
      let changes = outcome.changes.filter { $0.old != $0.new }
      if let verifier {
        let span = await recorder.begin(
          .verify, parent: parentSpan, subtask: inputs.subtask.id, tier: tier.name)
        let verdict = await verifier.verify(changes: changes)
        await recorder.end(span) { $0.attributes["verdict"] = verdict.summary }
        if case .failed(let summary, let feedback) = verdict {
          attempt.stage = "tests"
          attempt.detail = summary
          attempt.duplicate = ledger.record(changes: changes, reply: reply)
          testFailure = FailureExcerpt.assertions(
            feedback, mentioning: focus?.names ?? [], budget: 900)
          result.attempts.append(attempt)
          events(
            .attemptFinished(
              subtask: inputs.subtask.id, tier: tier.name, round: round,
              outcome: "tests: \(summary)", accepted: false))
          if let current = focus,
            let half = await keepHalf(
              of: reply, focus: current, others: inputs.dependencyChanges + kept)
          {
            kept =
              kept.filter { old in !half.changes.contains { $0.path == old.path } }
              + half.changes
            (focus, format) = (half.remaining, half.remaining)
            focusedBaseline = await verifier.baselineFailure(focusedOn: half.remaining.names)
            let fixed = half.kept.map { "`\($0)`" }.joined(separator: ", ")
            let left = half.remaining.names.map { "`\($0)`" }.joined(separator: ", ")
            events(
              .notice(
                "\(inputs.subtask.id): kept the fix of \(fixed) (its tests pass on their own); asking for \(left) only"
              ))
            messages[1] = .user(
              try focusedPrompt(
                inputs, focus: half.remaining, baseline: focusedBaseline,
                escalatedFrom: escalatedFrom,
                previous: Self.refusalNote(
                  "An earlier answer fixed \(fixed); that fix is kept. What it did to \(left) "
                    + "did not fix the test.")))
            prior = inputs.dependencyChanges + kept
            continue
          }
          if let focus {
            let failing = FailureExcerpt.assertions(
              feedback, mentioning: focus.names, budget: 900)
            messages[1] = .user(
              try focusedPrompt(
                inputs, focus: focus, baseline: focusedBaseline, escalatedFrom: escalatedFrom,
                previous: Self.refusalNote(
                  "An earlier answer changed the function, but the test still fails:\n\n"
                    + failing)))
          } else {
            messages += [ChatMessage.assistant(reply), ChatMessage.user(feedback)]
          }
          prior = inputs.dependencyChanges + kept
          let next = retryRound.next(
            duplicate: attempt.duplicate == true, parsedNothing: false, refusal: attempt.detail,
            round: round)
          if next == .escalate { return nil }
          if next == .switchFormat, let planned {
            (focus, formatName, format) = (planned, planned.name, planned)
            focusedBaseline = await verifier.baselineFailure(focusedOn: planned.names)
            messages = [
              messages[0],
              .user(
                try focusedPrompt(
                  inputs, focus: planned, baseline: focusedBaseline, escalatedFrom: escalatedFrom,
                  previous: Self.refusalNote(
                    "An earlier answer changed the code, but the test still fails:\n\n"
                      + (testFailure ?? summary)))),
            ]
          }
          if next == .showFailure {
            Self.appendFailure(
              to: &messages, failure: testFailure, diff: CandidateLedger.diff(changes))
          }
          continue
        }
        result.detail = verdict.summary
      }
      attempt.stage = "accepted"
      attempt.detail =
        "\(changes.count) file(s) changed" + (result.detail.isEmpty ? "" : "; \(result.detail)")
      result.attempts.append(attempt)
      await markWork(attempt)
      events(
        .attemptFinished(
          subtask: inputs.subtask.id, tier: tier.name, round: round, outcome: attempt.detail,
          accepted: true))
      return finish(
        &result, status: .accepted, tier: tier, handBack: handBack, changes: changes,
        detail: attempt.detail)
    }
    return nil
  }

  func finish(
    _ result: inout SubtaskResult, status: SubtaskResult.Status, tier: Tier, handBack: HandBack,
    changes: [EditApplier.FileChange], detail: String
  ) -> SubtaskResult {
    result.status = status
    result.tier = tier.name
    result.model = tier.model
    result.handBack = handBack
    result.changes = changes
    result.detail = detail
    return result
  }

  func markWork(_ attempt: Attempt) async {
    guard let id = attempt.spanID else { return }
    await recorder.update(id) { $0.classification = .work }
  }

  /// One model call, billed and recorded; a provider failure becomes an attempt with no reply.
  func call(
    _ tier: Tier, messages: [ChatMessage], inputs: Inputs, round: Int, format: String?,
    bounds: ReplyBounds, temperature: Double, seed: Int? = nil, parentSpan: Int?
  ) async throws -> (reply: String?, attempt: Attempt) {
    // Reflection rounds grow the conversation: the oldest turns go first when it nears the window.
    let messages = ReflectionHistory.fitted(
      messages, window: tier.contextWindow, maxTokens: inputs.agent.maxTokens)
    var request = ChatRequest(
      messages: messages, maxTokens: inputs.agent.maxTokens, temperature: temperature)
    request.seed = seed
    // The bundled llama.cpp servers keep each slot's prompt: a reflection, which repeats the
    // round's prompt and adds the answer and the feedback, pays only for the new tokens.
    request.keepsPromptCache = tier.local != nil
    let promptTokens = SubtaskPrompt.tokens(messages)
    try deadline?.check()
    var attempt = Attempt(
      tier: tier.name, model: tier.model, round: round, format: format, stage: "error", detail: "")
    if promptTokens + inputs.agent.maxTokens > tier.contextWindow {
      attempt.detail =
        "the prompt (~\(promptTokens) tokens) and reply do not fit \(tier.name)'s \(tier.contextWindow)-token window"
      attempt.requestSent = false
      return (nil, attempt)
    }
    let ticket = try await billing?.reserve(
      tier: tier, subtask: inputs.subtask.id, agent: inputs.agent.name, promptTokens: promptTokens,
      maxTokens: inputs.agent.maxTokens)
    let start = await recorder.now()
    let subtaskID = inputs.subtask.id
    let events = self.events
    let slotWatch = SlotWatch.start(tier: tier, subtask: subtaskID, client: client, events: events)
    defer { slotWatch?.cancel() }
    var limits = bounds.limits(
      tier: tier, maxTokens: inputs.agent.maxTokens, promptTokens: promptTokens)
    if let deadline { limits = deadline.bounding(limits) }
    do {
      let response = try await client.complete(
        request, endpoints: EndpointSpec.endpoints(of: tier), limits: limits,
        check: bounds.check
      ) { progress in
        slotWatch?.cancel()
        if progress.tokens % 16 == 0 {
          events(
            .progress(
              subtask: subtaskID, tier: tier.name, tokens: progress.tokens,
              tokensPerSecond: progress.tokensPerSecond))
        }
      }
      if let ticket { await billing?.settle(ticket, usage: response.usage) }
      let usage = response.usage
      attempt.inputTokens = usage.inputTokens
      attempt.outputTokens = usage.outputTokens
      attempt.cachedTokens = usage.cacheReadTokens
      attempt.cost = tier.cost(
        input: usage.inputTokens, output: usage.outputTokens, cached: usage.cacheReadTokens)
      attempt.seconds = response.timings.total.secondsDouble
      attempt.stage = "reply"
      attempt.requestSent = true
      events(
        .exchange(
          subtask: subtaskID, tier: tier.name, round: round,
          prompt: messages.last?.content ?? "", reply: response.text))
      let cost = attempt.cost
      let ttft = response.timings.timeToFirstToken.secondsDouble
      let queue = response.timings.queueWait.secondsDouble
      let track = response.endpoint
      attempt.spanID = await recorder.add { id in
        Span(
          id: id, parent: parentSpan, name: round == 0 ? .call : .reflection, subtask: subtaskID,
          tier: tier.name,
          track: track, start: start, end: start + response.timings.total.secondsDouble,
          inputTokens: usage.inputTokens, outputTokens: usage.outputTokens,
          cachedTokens: usage.cacheReadTokens,
          cost: cost, timeToFirstToken: ttft, queueWait: queue, classification: .coordination)
      }
      return (response.text, attempt)
    } catch let error as ProviderError {
      // A reply cut off on our side was generated: bill the prompt and what arrived.
      let spent = CutOffUsage.estimate(error, promptTokens: promptTokens)
      if let ticket { await billing?.settle(ticket, usage: spent) }
      attempt.detail = "\(tier.name) failed: \(error)"
      attempt.requestSent = error.requestSent
      if let spent {
        attempt.inputTokens = spent.inputTokens
        attempt.outputTokens = spent.outputTokens
        attempt.cost = tier.cost(input: spent.inputTokens, output: spent.outputTokens)
        let (end, cost, reason) = (await recorder.now(), attempt.cost, "\(error)")
        attempt.spanID = await recorder.add { id in
          Span(
            id: id, parent: parentSpan, name: round == 0 ? .call : .reflection,
            subtask: subtaskID, tier: tier.name, track: tier.name, start: start, end: end,
            inputTokens: spent.inputTokens, outputTokens: spent.outputTokens, cost: cost,
            classification: .coordination, attributes: ["cut_off": reason])
        }
      }
      // Cut at the run's limit: the run stops, and the tier's record does not count the cut.
      if let deadline, deadline.hasPassed {
        throw RunDeadline.Passed(description: deadline.cutReason)
      }
      return (nil, attempt)
    }
  }

  /// The edit pipeline on a handle of the sub-agent's own, plus the scope rule.
  func gate(
    reply: String, format: any EditFormat, inputs: Inputs, prior: [EditApplier.FileChange],
    scope: [String],
    parentSpan: Int?
  ) async throws -> EditOutcome {
    let span = await recorder.begin(.gate, parent: parentSpan, subtask: inputs.subtask.id)
    let pipeline = EditPipeline(
      checks: checkCommands.isEmpty
        ? nil : CheckCommands(commands: checkCommands, environment: client.variables))
    let base = try RepositoryEditBase(
      repository: Repository(at: inputs.repositoryPath), revision: inputs.baseCommit)
    // One file in scope: edits that name no file belong to it (not a guess; the fragment check
    // below keeps a snippet from replacing a whole file).
    var outcome = try await pipeline.run(
      reply: reply, format: format, base: base, prior: prior,
      defaultPath: scope.count == 1 ? scope[0] : nil)
    if outcome.accepted,
      let removal = TestFileRemoval.problem(outcome.changes, isTest: inputs.context.isTestFile)
    {
      outcome.stage = .gate
      outcome.feedback = removal + "\n\n" + format.instructions
    }
    if outcome.accepted, format.name == "whole-file", let fragment = Self.fragment(outcome.changes)
    {
      outcome.stage = .gate
      outcome.feedback = fragment + "\n\n" + format.instructions
    }
    let allowed = Set(scope).union(inputs.dependencyChanges.map(\.path))
    let strays = outcome.changes.filter { $0.old != $0.new && !allowed.contains($0.path) }.map(
      \.path)
    if outcome.accepted, !strays.isEmpty {
      outcome.stage = .gate
      outcome.feedback =
        "You changed \(strays.joined(separator: ", ")), which this sub-task must not touch. Change only: \(scope.joined(separator: ", ")).\n\n"
        + format.instructions
    }
    if outcome.accepted,
      let problem = ChangeSubstance.problem(
        outcome.changes, goal: inputs.subtask.goal, base: inputs.context.files)
    {
      outcome.stage = .gate
      outcome.feedback = problem + "\n\n" + format.instructions
    }
    let stage = outcome.stage.rawValue
    await recorder.end(span) { $0.attributes["stage"] = stage }
    return outcome
  }

  /// The prompt of a focused attempt (``SubtaskPrompt/focused(_:baseline:escalatedFrom:previous:)``).
  func focusedPrompt(
    _ inputs: Inputs, focus: FunctionFormat, baseline: String?, escalatedFrom: String?,
    previous: String
  ) throws -> String {
    try renderer(inputs).focused(
      focus, baseline: baseline, escalatedFrom: escalatedFrom, previous: previous)
  }

  /// Why the previous focused answer was refused, for the next fresh prompt. Its code is not
  /// shown: small models shown their own wrong answer mostly send it back unchanged.
  static func refusalNote(_ why: String) -> String {
    why.trimmed + "\n\n"
  }

  /// Lines added above and below each slice's region when an edit needed code outside it.
  static let widerPadding = 60

  /// What this tier's prompt shows of the scope (``SubtaskPrompt/view(tier:scope:padding:baseline:)``).
  func scopeView(
    _ inputs: Inputs, tier: Tier, scope: [String], padding: Int, baseline: String?
  ) -> ScopeView {
    renderer(inputs).view(tier: tier, scope: scope, padding: padding, baseline: baseline)
  }

  /// The user prompt of an unfocused attempt (``SubtaskPrompt/user(view:format:scope:baseline:escalatedFrom:)``).
  func prompt(
    _ inputs: Inputs, view: ScopeView, format: (any EditFormat)?, scope: [String],
    baseline: String?, escalatedFrom: String?
  ) throws -> String {
    try renderer(inputs).user(
      view: view, format: format, scope: scope, baseline: baseline, escalatedFrom: escalatedFrom)
  }

  /// ``RetryStrategy/showFailure``: the failing assertion and the last candidate's diff, added to
  /// the request's last message.
  package static func appendFailure(
    to messages: inout [ChatMessage], failure: String?, diff: String
  ) {
    guard let last = messages.indices.last else { return }
    var text = String(messages[last].content.trimmed) + "\n\n"
    if let failure, !failure.isEmpty {
      text += "The failing assertion:\n" + String(failure.trimmed) + "\n\n"
    }
    if !diff.isEmpty {
      text +=
        "Your last answer made this change, and it was not enough; do something different:\n"
        + "```diff\n\(diff)```\n"
    }
    messages[last] = ChatMessage(messages[last].role, text)
  }

  /// Why a whole-file reply looks like a fragment: it kept under half of a file's lines.
  static func fragment(_ changes: [EditApplier.FileChange]) -> String? {
    for change in changes {
      guard let old = change.old, let new = change.new else { continue }
      let before = old.split(separator: "\n").count
      let after = new.split(separator: "\n").count
      if before >= 8 && after * 2 < before {
        return
          "\(change.path) went from \(before) to \(after) lines: that looks like a fragment, not the whole file. Send the complete file, every line, changed or not."
      }
    }
    return nil
  }

  static func oneLine(_ outcome: EditOutcome) -> String {
    if outcome.stage == .gate, outcome.gateFailures.isEmpty,
      let first = outcome.feedback.split(separator: "\n").first
    {
      return "gate: \(first)"
    }
    if let parse = outcome.parseError { return "parse: \(parse)" }
    if let failure = outcome.blocks.first(where: { !$0.applied })?.failure {
      return "match: \(failure)"
    }
    if let gate = outcome.gateFailures.first { return "\(outcome.stage.rawValue): \(gate)" }
    return outcome.stage.rawValue
  }
}
