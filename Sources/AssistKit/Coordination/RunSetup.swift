internal import Foundation
internal import Git

/// Everything a run loads before its first model call: repository, config, store, agents,
/// prompts, context, routing, billing and verification.
struct RunSetup: Sendable {
  var runID: String
  var root: String
  var baseCommit: String
  var config: AssistConfig
  var tiers: [Tier]
  var store: Store
  /// Router, ledger (caps from config, policy and --budget) and the decision store.
  var routing: RoutingContext
  var agents: AgentLibrary
  var prompts: PromptLibrary
  var context: RepoContext
  var verifier: (any CandidateVerifying)?
  var notices: [String]
  var cloudPrice: Tier.Price?
  /// The run's endpoint failures and cooldowns: its ``ModelClient`` records them, routing reads
  /// them.
  var health: EndpointHealth
  /// Task texts whose intent is read without a planner call (`share/task-intents.yaml`).
  var intentPatterns: TaskIntentPatterns

  /// Sub-agents run at once: the most slots any usable tier has (llama.cpp queues the rest).
  var concurrency: Int { max(1, tiers.map(\.slots).max() ?? 1) }

  /// Free slots per tier for the run's sub-tasks, each counted on the first rung of its ladder.
  func slotTracker(decisions: [String: RoutingDecision]) -> TierSlots {
    TierSlots(
      capacity: Dictionary(tiers.map { ($0.name, max(1, $0.slots)) }) { first, _ in first },
      startTier: decisions.compactMapValues { $0.ladder.first })
  }

  /// The run's client: the environment's transport and keys, and the run's ``health``.
  func client(_ environment: Environment) -> ModelClient {
    ModelClient(environment: environment, health: health)
  }

  /// The tiers whose endpoints are all benched right now.
  func cooldowns() async -> Set<String> {
    await health.benchedTiers(among: tiers)
  }

  /// The tier the planner runs on: the router's choice for a planning request.
  func plannerTier() async -> Tier {
    let request = RoutingRequest(
      kind: "planner", difficulty: 3, promptTokens: 1_500, maxTokens: 768)
    let benched = await cooldowns()
    let decision = try? decide(request, cooldowns: benched)
    return decision?.tier.flatMap { name in tiers.first { $0.name == name } }
      ?? tiers[tiers.count - 1]
  }

  /// The router's decision for `request` against measured history and spend, not stored.
  private func decide(_ request: RoutingRequest, cooldowns: Set<String>) throws -> RoutingDecision {
    let history = try routing.history()
    return routing.router.route(
      subtask: request, tiers: tiers, history: history, budget: try routing.budget(runID: runID),
      cooldowns: cooldowns)
  }

  static func make(
    environment: Environment, repositoryPath: String, options: TaskOptions, runID: String? = nil,
    baseCommit: String? = nil
  ) async throws -> RunSetup {
    let repository = try Repository.discover(from: repositoryPath)
    guard let root = repository.workingDirectory else {
      throw TaskError.noWorkingTree(repositoryPath)
    }
    guard let head = try repository.head().commit else { throw TaskError.noCommits }
    let base = try baseCommit.map { try repository.resolve($0) } ?? head
    let store = try Store(path: environment.paths.storePath)
    let context = try await RepoContext.load(
      from: repository, revision: base.description, store: store)
    // Before any model call: a run that could never land must not spend anything.
    if let problem = try RunPreflight.problem(
      repository: repository, task: options.task, files: context.files.keys)
    {
      throw TaskError.repositoryNotReady(problem)
    }
    // Scratch folders (and verify children) of an assist killed with SIGKILL go now.
    ScratchFolder.removeStale(
      in: FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path)
    let config = try ConfigLoader.load(
      paths: environment.paths, repositoryRoot: root, variables: environment.variables)
    let tiers = options.tiers(from: config.tiers)
    guard !tiers.isEmpty else {
      throw TaskError.noTiers(options.pinnedTier.map { "tier '\($0)'" } ?? options.tiers.rawValue)
    }
    // Caps from the config, the policy's per-tier caps and reservation lifetime, and --budget.
    var routing = try RoutingContext.load(
      config: config, paths: environment.paths, store: store, runBudget: options.budget)
    routing.tiers = tiers
    let runID =
      runID
      ?? String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12)).lowercased()
    var notices: [String] = []
    let paths = environment.paths
    let intentPatterns = try TaskIntentPatterns.load(
      file: TaskIntentPatterns.defaultFile(paths: paths))
    var verifier: (any CandidateVerifying)?
    if options.verify {
      let pytest = await ToolProbe.pytestAvailable(environment: environment.variables)
      let found = TestCommandDiscovery.discover(
        in: root, override: options.verifyCommand, config: config.verify, taskText: options.task,
        pytestAvailable: pytest)
      if let command = found.command {
        var tests = TestVerification(
          baseline: VerificationBaseline(
            verifier: Verifier(config: config.verify, environment: environment.variables)),
          command: command, repository: root, base: base.description,
          requiresProgress: TestVerification.asksForProgress(
            options.task, command: command, patterns: intentPatterns),
          files: context.files, targetedTimeout: .seconds(config.verify.targetedTimeout))
        tests.taskNames = FunctionFocus.named(task: options.task, intent: nil)
        verifier = tests
        notices.append("verifying with `\(command.command)` (\(found.reason))")
      } else {
        notices.append("not verifying: \(found.reason)")
      }
    } else {
      notices.append("not verifying (--no-verify)")
    }
    return RunSetup(
      runID: runID, root: root, baseCommit: base.description, config: config, tiers: tiers,
      store: store, routing: routing,
      agents: try AgentLibrary(
        folders: AgentLibrary.searchPath(paths: paths, repositoryRoot: root)),
      prompts: try PromptLibrary(
        folders: PromptLibrary.searchPath(paths: paths, repositoryRoot: root)),
      context: context,
      verifier: verifier,
      notices: notices, cloudPrice: config.counterfactualTier?.price,
      health: EndpointHealth(clock: environment.clock, policy: environment.endpointHealth),
      intentPatterns: intentPatterns)
  }

  /// Routes one sub-task around the tiers benched now; `record` stores the decision with its
  /// inputs (not for previews).
  func route(
    _ subtask: Subtask, agent: AgentDefinition, task: String = "", record: Bool = true
  ) async throws -> (RoutingDecision, RoutingRequest) {
    let places = places(for: subtask, task: task)
    // Fit is measured on the prompt the sub-agent will send on the smallest tier, rendered by
    // the same renderer (system prompt included), plus room for reflection feedback.
    let smallest = tiers.min { $0.contextWindow < $1.contextWindow }
    let renderer = SubtaskPrompt(
      inputs: SubAgent.Inputs(
        runID: runID, task: task, subtask: subtask, agent: agent, context: context, ladder: [],
        repositoryPath: root, baseCommit: baseCommit, places: places),
      prompts: prompts, formatChoice: EditFormatChoice())
    let scope = renderer.scope(fixingTests: false)
    let shape = smallest.map { renderer.shape(tier: $0, baseline: nil) }
    let view =
      shape?.view
      ?? ScopeView.make(
        context: context, scope: scope, places: places,
        budget: ScopeView.budget(window: 8_192, maxTokens: agent.maxTokens))
    // Lines the sub-agent reads: a sliced view's lines, not the whole files' (a 2,500-line module
    // shown as a 60-line slice must not lift the sub-task to a stronger tier by the scope rule).
    let lines =
      view.isSliced
      ? view.text.split(separator: "\n", omittingEmptySubsequences: false).count
      : scopeSize(subtask).lines
    let promptTokens =
      try shape.map {
        SubtaskPrompt.tokens(
          try renderer.messages($0, baseline: nil, focusedBaseline: nil, escalatedFrom: nil))
      } ?? 0
    let request = RoutingRequest(
      kind: subtask.kind.rawValue, difficulty: subtask.difficulty, files: max(scope.count, 1),
      lines: lines,
      promptTokens: promptTokens + SubtaskPrompt.reflectionReserve, maxTokens: agent.maxTokens,
      identifierSensitive: subtask.intent?.action == .rename,
      editFormat: focused(subtask, agent: agent, task: task, scope: scope, places: places)
        ? FunctionFormat.formatName : view.isSliced ? SliceFormat.formatName : agent.editFormat,
      hints: .init(preferTier: agent.preferTier, minTier: agent.minTier),
      work: subtask.intent?.action.rawValue)
    let cooldowns = await cooldowns()
    let decision =
      record
      ? try routing.route(request, runID: runID, subtaskID: subtask.id, cooldowns: cooldowns)
      : try decide(request, cooldowns: cooldowns)
    return (decision, request)
  }

  /// The places a sub-task is about (``RepoContext/places(task:goal:symbols:files:failure:limit:)``):
  /// from the task, its goal, the plan's intent symbols and the files it names.
  func places(for subtask: Subtask, task: String) -> [Place] {
    context.places(
      task: task, goal: subtask.goal, symbols: subtask.intent?.symbols ?? [], files: subtask.files)
  }

  /// The files a sub-task edits (named, else its goal's strong places) and their line count (the
  /// size bucket's input).
  private func scopeSize(_ subtask: Subtask) -> (files: [String], lines: Int) {
    let files = context.editScope(
      named: subtask.files, goal: subtask.goal, task: "", fixingTests: false,
      places: places(for: subtask, task: ""))
    let lines = files.reduce(0) { $0 + (context.files[$1]?.split(separator: "\n").count ?? 0) }
    return (files, lines)
  }

  /// Whether free tiers will see this sub-task as one function (so the router judges them by
  /// their record in that format, not by their whole-file failures on the kind).
  /// Decided on the scope and places the sub-agent will use; a focus the baseline's failing tests
  /// would pick is not known before the tests run, so such a sub-task is routed as `auto`.
  private func focused(
    _ subtask: Subtask, agent: AgentDefinition, task: String, scope: [String], places: [Place]
  ) -> Bool {
    guard FunctionFocus.allowed(kind: subtask.kind, agent: agent) else { return false }
    return FunctionFocus.choose(
      places: places, isFix: subtask.intent?.action == .fix,
      named: FunctionFocus.named(task: task, intent: subtask.intent), scope: scope,
      files: context.files.mapValues { Optional($0) }, isTest: context.isTestFile) != nil
  }

  /// A routed ladder as it stands when its sub-task starts: rungs benched since routing are left
  /// out, with a reason each, unless that would leave none (the client then reports the cooldown).
  func ladder(_ names: [String]) async -> (tiers: [Tier], skipped: [String]) {
    let routed = names.compactMap { name in tiers.first { $0.name == name } }
    let benched = await cooldowns()
    let open = routed.filter { !benched.contains($0.name) }
    guard !open.isEmpty, open.count < routed.count else { return (routed, []) }
    let skipped = routed.filter { benched.contains($0.name) }.map {
      "\($0.name) skipped: in cooldown (its endpoints are failing)"
    }
    return (open, skipped)
  }

  /// Feeds a finished sub-task's attempts into the router's measured history.
  ///
  /// Only calls a model answered count: an unreachable endpoint, a timeout, a 5xx or a prompt
  /// that did not fit say nothing about the model's skill. They are the endpoint health's
  /// business (``EndpointHealth`` benches and retries the endpoint), never the skill history's.
  func recordHistory(_ result: SubtaskResult, runID: String) {
    let answered = result.attempts.filter { !$0.isInfrastructureFailure }
    var tiersTried: [String] = []
    for attempt in answered where !tiersTried.contains(attempt.tier) {
      tiersTried.append(attempt.tier)
    }
    let bucket = routing.router.policy.history.sizeBucket(lines: scopeSize(result.subtask).lines)
    for (i, tier) in tiersTried.enumerated() {
      let attempts = answered.filter { $0.tier == tier }
      let accepted = attempts.contains { $0.accepted }
      let gatePassed = accepted || attempts.contains { $0.stage == "tests" }
      let testsRan = attempts.contains { $0.stage == "tests" } || (accepted && verifier != nil)
      try? routing.store.record(
        attempt: AttemptOutcome(
          runID: runID, subtaskID: result.subtask.id, kind: result.subtask.kind.rawValue,
          tier: tier, editFormat: attempts.first?.format,
          work: result.subtask.intent?.action.rawValue, sizeBucket: bucket,
          gatePassed: gatePassed, verifyPassed: testsRan ? accepted : nil,
          escalated: i < tiersTried.count - 1,
          reflections: max(0, attempts.count - 1), cost: attempts.reduce(0) { $0 + $1.cost }))
    }
  }
}

/// Why `assist task` cannot start.
package enum TaskError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A bare repository.
  case noWorkingTree(String)
  /// HEAD is unborn.
  case noCommits
  /// The tier filter leaves nothing.
  case noTiers(String)
  /// The run cannot be resumed.
  case notResumable(String)
  /// The repository is not in a state a run may start from (``RunPreflight``).
  case repositoryNotReady(String)

  package var description: String {
    switch self {
    case .noWorkingTree(let path): "\(path) is a bare repository; run assist in a working tree"
    case .noCommits:
      "the repository has no commits yet; commit your files first (assist works from HEAD)"
    case .noTiers(let filter): "no tier is available for \(filter); check `assist models`"
    case .notResumable(let reason): reason
    case .repositoryNotReady(let reason): reason
    }
  }
}
