package import FoundationEssentials

/// Everything routing needs for one run, built once from the config: the router, the enabled
/// tiers, the budget ledger and the routing tables. The coordinator's entry point.
///
/// Per sub-task: ``route(_:runID:subtaskID:cooldowns:now:)`` (reads history and spend, decides,
/// stores the decision); per paid call: ``BudgetLedger/reserve(_:now:)`` then
/// ``BudgetLedger/settle(_:usage:now:)`` or ``BudgetLedger/release(_:)``; per finished attempt:
/// ``RoutingStore/record(attempt:)``; on failure: ``Cascade/next(tiers:request:budget:cooldowns:)``.
package struct RoutingContext: Sendable {
  /// The router (policy plus the config's disabled tiers).
  package var router: Router
  /// The enabled tiers, cheapest first.
  package var tiers: [Tier]
  /// The budget ledger, with the run's caps.
  package var ledger: BudgetLedger
  /// Decisions and attempt outcomes.
  package var store: RoutingStore
  /// Benchmark pass rates a fresh install starts from (`share/routing-priors.yaml`).
  package var priors: RoutingPriors

  /// Builds the context.
  /// - Parameters:
  ///   - config: The merged configuration (tiers, disabled tiers, budgets, counterfactual tier).
  ///   - policy: The routing policy.
  ///   - store: The user's store.
  ///   - runBudget: `--budget`: overrides the per-task cap for this run.
  ///   - priors: Benchmark pass rates counted as pseudo-attempts.
  package init(
    config: AssistConfig, policy: RoutingPolicy, store: Store, runBudget: Double? = nil,
    priors: RoutingPriors = .init()
  ) {
    self.priors = priors
    router = Router(policy: policy, unavailable: config.disabledTiers)
    tiers = config.tiers
    ledger = BudgetLedger(
      store: store, caps: BudgetCaps(budgets: config.budgets, policy: policy, runBudget: runBudget),
      counterfactualPrice: config.counterfactualTier?.price,
      reservationTTL: policy.budget.reservationTTL)
    self.store = RoutingStore(store: store)
  }

  /// Builds the context with the install's policy and priors files (`share/routing-policy.yaml`,
  /// `share/routing-priors.yaml`).
  /// - Throws: ``ConfigError`` when either file is missing or invalid.
  package static func load(
    config: AssistConfig, paths: AssistPaths, store: Store, runBudget: Double? = nil
  ) throws -> RoutingContext {
    let policy = try RoutingPolicy.load(file: RoutingPolicy.defaultFile(paths: paths))
    let priors = try RoutingPriors.load(file: RoutingPriors.defaultFile(paths: paths))
    return RoutingContext(
      config: config, policy: policy, store: store, runBudget: runBudget, priors: priors)
  }

  /// Routes a sub-task against the stored history and the ledger's spend, and stores the decision.
  /// - Parameters:
  ///   - request: The sub-task's signals.
  ///   - runID: The run.
  ///   - subtaskID: The sub-task.
  ///   - cooldowns: Tiers whose endpoints are benched.
  ///   - now: The time (decides the budget day and month).
  /// - Returns: The decision (also stored).
  /// - Throws: Store errors.
  package func route(
    _ request: RoutingRequest, runID: String, subtaskID: String, cooldowns: Set<String> = [],
    now: Date = Date()
  ) throws -> RoutingDecision {
    let history = try self.history(now: now)
    let budget = try ledger.state(runID: runID, now: now)
    let decision = router.route(
      subtask: request, tiers: tiers, history: history, budget: budget, cooldowns: cooldowns,
      exploration: Router.explorationDraw(runID: runID, subtaskID: subtaskID))
    try store.save(decision, request: request, runID: runID, subtaskID: subtaskID, at: now)
    return decision
  }

  /// The stored history with the priors, aged from `now`.
  /// - Throws: Store errors.
  package func history(now: Date = Date()) throws -> RoutingHistory {
    var history = try store.history(window: router.policy.history.window)
    history.priors = priors
    history.now = now
    return history
  }

  /// The spend so far against every cap, for ``Cascade/next(tiers:request:budget:cooldowns:)``.
  /// - Throws: Store errors.
  package func budget(runID: String, now: Date = Date()) throws -> BudgetState {
    try ledger.state(runID: runID, now: now)
  }
}

extension RoutingDecision {
  /// The distinct notices of a run's decisions, in first-seen order: print each once.
  package static func notices(_ decisions: [RoutingDecision]) -> [String] {
    var seen: Set<String> = []
    return decisions.compactMap(\.notice).filter { seen.insert($0).inserted }
  }
}
