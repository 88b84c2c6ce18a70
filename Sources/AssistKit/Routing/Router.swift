/// Picks a tier for each sub-task from cheap signals: kind, difficulty, scope, context fit,
/// quantization, the agent's hints, measured history, cooldowns and the budget.
///
/// Pure and fast (well under a millisecond): no I/O, no model call. The coordinator stores each
/// decision with ``RoutingStore/save(_:request:runID:subtaskID:)``.
package struct Router: Sendable {
  /// The policy.
  package var policy: RoutingPolicy
  /// Tiers the config defines but leaves off, with why (`ANTHROPIC_API_KEY is not set`).
  package var unavailable: [String: String]

  /// Creates a router.
  /// - Parameters:
  ///   - policy: The routing policy.
  ///   - unavailable: ``AssistConfig/disabledTiers``: named in "cloud unavailable" notices.
  package init(policy: RoutingPolicy = .init(), unavailable: [String: String] = [:]) {
    self.policy = policy
    self.unavailable = unavailable
  }

  /// Routes one sub-task.
  /// - Parameters:
  ///   - subtask: The sub-task's signals.
  ///   - tiers: The enabled tiers, cheapest first.
  ///   - history: Measured outcomes and priors.
  ///   - budget: Spend so far against the caps.
  ///   - cooldowns: Names of tiers whose endpoints are benched.
  ///   - exploration: This decision's draw in [0, 1) (``explorationDraw(runID:subtaskID:)``); below
  ///     the policy's `explore_share` a tier the history disfavours is tried first. `nil`: never.
  /// - Returns: The tier to start on, the escalation ladder, and a reason for every tier.
  package func route(
    subtask: RoutingRequest, tiers: [Tier], history: RoutingHistory, budget: BudgetState,
    cooldowns: Set<String>, exploration: Double? = nil
  ) -> RoutingDecision {
    guard !tiers.isEmpty else {
      return RoutingDecision(
        tier: nil, ladder: [], considered: [], floorReason: "no tier is enabled",
        notice: "no tier could do this: the configuration enables no tier")
    }
    let start = startingPoint(subtask, tiers: tiers)
    let minIndex = minimumIndex(subtask, tiers: tiers)
    var considered: [RoutingDecision.Consideration] = []
    var eligible: [Int] = []
    var disfavoured: [Int] = []
    // Evidence per tier, computed once: exclusions and reasons both read it.
    let evidence = tiers.map { history.evidence(for: subtask, tier: $0.name, rule: policy.history) }
    for (i, tier) in tiers.enumerated() {
      let exclusion = exclusion(
        of: tier, at: i, minIndex: minIndex, subtask, evidence[i], cooldowns)
      considered.append(
        .init(
          tier: tier.name, verdict: exclusion == nil ? .belowFloor : .skipped,
          reason: exclusion?.reason ?? ""))
      switch exclusion {
      case nil: eligible.append(i)
      case .history: disfavoured.append(i)
      case .hard: break
      }
    }
    var floorReason = start.reason
    var ladder = eligible.filter { $0 >= start.index }
    var notes: [Int: String] = [:]
    if let draw = exploration, draw < policy.history.exploreShare,
      let explored = disfavoured.first(where: { $0 >= start.index })
    {
      ladder = [explored] + ladder
      notes[explored] =
        "exploring: tried first on \(Self.percent(policy.history.exploreShare)) of runs although "
        + considered[explored].reason
    }
    if ladder.isEmpty, let fallback = eligible.last {
      floorReason += "; nothing from there up can take it, so the strongest tier that can"
      ladder = [fallback]
    }
    if ladder.isEmpty, !disfavoured.isEmpty {
      // A poor record is a preference, never a wall: no other healthy tier is left.
      let upward = disfavoured.filter { $0 >= start.index }
      ladder = upward.isEmpty ? [disfavoured[disfavoured.count - 1]] : upward
      for i in ladder {
        notes[i] = "used although " + considered[i].reason + ": no other healthy tier can take it"
      }
    }
    ladder = preferringBits(ladder, tiers: tiers, subtask)
    // Every other healthy tier is a last resort, strongest first: a sub-task never ends with "no
    // tier could do this" while one that can run it was not tried.
    let lastResorts = (eligible + disfavoured).filter { !ladder.contains($0) }.sorted(by: >)
    for i in lastResorts {
      notes[i] =
        "last resort, after every rung above"
        + (disfavoured.contains(i) ? ", although " + considered[i].reason : "")
    }
    if !ladder.isEmpty { ladder += lastResorts }
    for (position, i) in ladder.enumerated() {
      let verdict: RoutingDecision.Verdict = position == 0 ? .chosen : .escalation
      considered[i].verdict = verdict
      considered[i].reason =
        fitReason(tiers[i], subtask, evidence[i], verdict: verdict)
        + (notes[i].map { "; " + $0 } ?? "")
    }
    for i in eligible where !ladder.contains(i) {
      considered[i].reason =
        lacksBits(tiers[i], subtask)
        ? bitsReason(tiers[i], subtask)
        : fitReason(tiers[i], subtask, evidence[i], verdict: .belowFloor)
    }
    var notice: String? = nil
    if start.cloudAbsent {
      let strongest = ladder.max().map { tiers[$0].name } ?? "none"
      notice = "\(cloudUnavailableText) → strongest available tier \(strongest)"
    }
    guard let first = ladder.first else {
      let summary = considered.map { "\($0.tier): \($0.reason)" }.joined(separator: "; ")
      return RoutingDecision(
        tier: nil, ladder: [], considered: considered, floorReason: floorReason,
        cloudAbsent: start.cloudAbsent, notice: "no tier could do this (\(summary))")
    }
    var decision = RoutingDecision(
      tier: tiers[first].name, ladder: ladder.map { tiers[$0].name }, considered: considered,
      floorReason: floorReason, cloudAbsent: start.cloudAbsent, notice: notice,
      worstCase: tiers[first].worstCase(
        promptTokens: subtask.promptTokens, maxTokens: subtask.maxTokens))
    if notes[first]?.hasPrefix("exploring") == true { decision.exploring = tiers[first].name }
    applyBudget(&decision, first: first, eligible: eligible, tiers: tiers, budget: budget)
    return decision
  }

  /// Identifier-exact work starts on the tiers with enough bits, then falls back to the others,
  /// strongest first: the bits rule reorders a ladder, never empties it.
  private func preferringBits(_ ladder: [Int], tiers: [Tier], _ r: RoutingRequest) -> [Int] {
    let lacking = ladder.filter { lacksBits(tiers[$0], r) }
    guard !lacking.isEmpty else { return ladder }
    return ladder.filter { !lacksBits(tiers[$0], r) } + lacking.sorted(by: >)
  }

  /// Where the sub-task starts: the highest floor any rule or hint gives it.
  private func startingPoint(
    _ r: RoutingRequest, tiers: [Tier]
  ) -> (index: Int, reason: String, cloudAbsent: Bool) {
    let rule = policy.rule(for: r.kind)
    var floors: [(floor: TierFloor, why: String)] = [
      (rule.floor, "\(r.kind) starts at the \(rule.floor) tier")
    ]
    if let floor = policy.difficulty[r.difficulty] {
      floors.append((floor, "difficulty \(r.difficulty) needs at least the \(floor) tier"))
    }
    for scope in policy.scope where scope.applies(files: r.files, lines: r.lines) {
      floors.append(
        (scope.floor, "\(r.files) files, \(r.lines) lines in scope need the \(scope.floor) tier"))
    }
    var best = (index: 0, reason: floors[0].why, cloudAbsent: false)
    for (floor, why) in floors {
      let resolved = floor.resolve(in: tiers)
      best.cloudAbsent = best.cloudAbsent || resolved.cloudAbsent
      if resolved.index > best.index { best = (resolved.index, why, best.cloudAbsent) }
    }
    if let preferred = r.hints.preferTier {
      if let i = tiers.firstIndex(where: { $0.name == preferred }) {
        return (i, "the agent prefers \(preferred)", false)
      }
      if unavailable[preferred] != nil {
        return (tiers.count - 1, "the agent prefers \(preferred), which is off", true)
      }
    }
    if let minimum = r.hints.minTier, unavailable[minimum] != nil {
      return (tiers.count - 1, "the agent needs at least \(minimum), which is off", true)
    }
    return best
  }

  /// The lowest index the agent's `min_tier` allows (0 without a usable hint).
  private func minimumIndex(_ r: RoutingRequest, tiers: [Tier]) -> Int {
    guard let minimum = r.hints.minTier else { return 0 }
    if let i = tiers.firstIndex(where: { $0.name == minimum }) { return i }
    return unavailable[minimum] != nil ? tiers.count - 1 : 0
  }

  private var cloudUnavailableText: String {
    let off = unavailable.sorted { $0.key < $1.key }
    guard !off.isEmpty else { return "cloud unavailable: no cloud tier is configured" }
    if off.count == 1, let only = off.first { return "cloud unavailable: \(only.value)" }
    return "cloud unavailable: " + off.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
  }

  /// Downgrades to a free tier or pauses when the first call would cross a cap.
  private func applyBudget(
    _ decision: inout RoutingDecision, first: Int, eligible: [Int], tiers: [Tier],
    budget: BudgetState
  ) {
    let wanted = tiers[first]
    guard let pause = budget.check(cost: decision.worstCase, tier: wanted.name) else { return }
    let free = eligible.filter { tiers[$0].isFree }
    if policy.budget.downgradeToFree, let fallback = free.last {
      for i in decision.considered.indices where decision.considered[i].verdict != .skipped {
        decision.considered[i].verdict = i == fallback ? .chosen : .belowFloor
      }
      decision.considered[first].verdict = .skipped
      decision.considered[first].reason = "would cross the \(pause.cap)"
      decision.tier = tiers[fallback].name
      decision.ladder = [tiers[fallback].name]
      decision.worstCase = 0
      decision.budget = .downgraded(from: wanted.name, pause)
      decision.notice = join(decision.notice, "\(pause) → running on \(tiers[fallback].name)")
    } else {
      decision.tier = nil
      decision.budget = .paused(pause)
      let why = policy.budget.downgradeToFree ? "no free tier can take it" : "downgrade is off"
      decision.notice = join(decision.notice, "\(pause) → pausing the run (\(why))")
    }
  }

  private func join(_ a: String?, _ b: String) -> String {
    guard let a else { return b }
    return a + "; " + b
  }
}
