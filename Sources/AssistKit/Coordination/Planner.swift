/// Asks the coordinator agent for a plan: one call, one retry with the exact error, then a
/// single-sub-task fallback — and the plan says which happened.
package struct Planner: Sendable {
  /// Calls the model.
  package var client: ModelClient
  /// Prompt templates.
  package var prompts: PromptLibrary
  /// Records spans.
  package var recorder: SpanRecorder
  /// Task texts whose intent is plain (the fallback plan's question or edit).
  package var intentPatterns: TaskIntentPatterns

  /// Creates a planner.
  package init(
    client: ModelClient, prompts: PromptLibrary, recorder: SpanRecorder,
    intentPatterns: TaskIntentPatterns
  ) {
    self.intentPatterns = intentPatterns
    self.client = client
    self.prompts = prompts
    self.recorder = recorder
  }

  /// Plans `task` on `tier`.
  /// - Returns: The plan (possibly the fallback) and the attempts it cost.
  /// - Throws: `CancellationError`; model failures lead to the fallback plan instead.
  package func plan(
    task: String, agent: AgentDefinition, tier: Tier, context: RepoContext, places: [Place] = [],
    parentSpan: Int?
  ) async throws -> (Plan, [Attempt]) {
    // The map lists the files of the places localization found first, so a large repository's
    // relevant files are not cut by the budget.
    var ranked: [String] = []
    for place in places where !ranked.contains(place.path) { ranked.append(place.path) }
    let prompt = try prompts.render(
      "plan",
      [
        "task": task,
        "symbol_map": context.symbolMap(budget: min(tier.contextWindow / 4, 1_500), first: ranked),
      ])
    var messages: [ChatMessage] = [.system(agent.systemPrompt), .user(prompt)]
    var attempts: [Attempt] = []
    var rejections: [String] = []
    let files = Set(context.paths)
    for round in 0..<2 {
      try Task.checkCancellation()
      var request = ChatRequest(
        messages: messages, maxTokens: agent.maxTokens, temperature: agent.temperature,
        responseFormat: .jsonSchema(name: "plan", schema: PlanParser.schema))
      // A second round repeats the first one's prompt: the bundled servers reuse it.
      request.keepsPromptCache = tier.local != nil
      let promptTokens = messages.reduce(0) { $0 + RepoContext.estimatedTokens($1.content) }
      let start = await recorder.now()
      var attempt = Attempt(
        tier: tier.name, model: tier.model, round: round, format: "json", stage: "error", detail: ""
      )
      let reply: String
      do {
        let response = try await client.complete(
          request, endpoints: EndpointSpec.endpoints(of: tier),
          limits: .forCall(
            tier: tier, maxTokens: agent.maxTokens, promptTokens: promptTokens, format: "plan"))
        let usage = response.usage
        attempt.inputTokens = usage.inputTokens
        attempt.outputTokens = usage.outputTokens
        attempt.cachedTokens = usage.cacheReadTokens
        attempt.cost = tier.cost(
          input: usage.inputTokens, output: usage.outputTokens, cached: usage.cacheReadTokens)
        attempt.seconds = response.timings.total.secondsDouble
        let cost = attempt.cost
        let track = response.endpoint
        attempt.spanID = await recorder.add { id in
          Span(
            id: id, parent: parentSpan, name: .plan, tier: tier.name, track: track, start: start,
            end: start + response.timings.total.secondsDouble, inputTokens: usage.inputTokens,
            outputTokens: usage.outputTokens, cachedTokens: usage.cacheReadTokens, cost: cost,
            timeToFirstToken: response.timings.timeToFirstToken.secondsDouble,
            classification: .coordination)
        }
        reply = response.text
      } catch let error as ProviderError {
        attempt.detail = "\(error)"
        attempts.append(attempt)
        rejections.append("the planner's tier failed: \(error)")
        break
      }
      do {
        let subtasks = try PlanParser.parse(reply, files: files)
        attempt.stage = "accepted"
        attempt.detail = "\(subtasks.count) sub-task(s)"
        attempts.append(attempt)
        return (
          Plan(
            subtasks: subtasks, origin: round == 0 ? .planner : .plannerRetry,
            rejections: rejections), attempts
        )
      } catch let error as PlanError {
        attempt.stage = "parse"
        attempt.detail = error.description
        attempts.append(attempt)
        rejections.append(error.description)
        messages += [
          .assistant(reply), .user(try prompts.render("plan-retry", ["error": error.description])),
        ]
      }
    }
    return (
      Self.singleSubtask(
        task: task, context: context, patterns: intentPatterns, origin: .fallback,
        rejections: rejections),
      attempts
    )
  }

  /// The whole task as one sub-task: the baseline topology, and the fallback when planning fails.
  /// A task whose intent reads as a question (`patterns`) is one analysis sub-task.
  package static func singleSubtask(
    task: String, context: RepoContext, patterns: TaskIntentPatterns, origin: Plan.Origin,
    rejections: [String] = []
  ) -> Plan {
    let kind: AgentDefinition.Kind =
      patterns.reads(task, as: .question) ? .analysis : .migration
    // The files of the places localization finds; the word match when it finds none.
    let places = context.places(task: task)
    let files =
      (places.isEmpty
      ? context.relevantFiles(for: task)
      : context.editScope(
        named: [], goal: task, task: task, fixingTests: false, places: places)).filter {
        kind == .analysis || !context.isTestFile($0)
      }
    return Plan(
      subtasks: [Subtask(id: "s1", kind: kind, goal: task, files: files, difficulty: 2)],
      origin: origin,
      rejections: rejections)
  }
}
