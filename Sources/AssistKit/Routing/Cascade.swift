/// One sub-task's walk up its escalation ladder: which tier next, and what it all cost.
///
/// The coordinator creates it from the sub-task's ``RoutingDecision``, records each attempt (after
/// its reflections) with ``record(_:)``, and asks ``next(tiers:request:budget:cooldowns:)`` when an
/// attempt fails. Every attempt's cost is billed to the sub-task (``billed``).
package struct Cascade: Sendable, Equatable, Codable {
  /// What to do after the latest attempt.
  package enum Step: Sendable, Equatable, Codable {
    /// The latest attempt succeeded.
    case done
    /// Run the sub-task on `tier`; `reasons` say which rungs were passed over and why.
    case escalate(tier: String, reasons: [String])
    /// Every rung is used up or unavailable.
    case exhausted(reason: String)
    /// The next rung would cross a budget cap: pause the run.
    case paused(BudgetPause)
  }

  /// The cascade order.
  package let ladder: [String]
  /// Attempts so far, oldest first.
  package private(set) var attempts: [AttemptOutcome] = []

  /// Starts a cascade from a decision's ladder.
  package init(decision: RoutingDecision) {
    self.ladder = decision.ladder
  }

  /// Starts a cascade over an explicit ladder.
  package init(ladder: [String]) {
    self.ladder = ladder
  }

  /// Records an attempt; a failed attempt followed by another one is marked escalated.
  package mutating func record(_ outcome: AttemptOutcome) {
    if let last = attempts.indices.last, !attempts[last].succeeded {
      attempts[last].escalated = true
    }
    attempts.append(outcome)
  }

  /// Dollars spent on this sub-task across every tier tried.
  package var billed: Double { attempts.reduce(0) { $0 + $1.cost } }

  /// How many times the sub-task moved up a tier.
  package var escalations: Int { max(attempts.count - 1, 0) }

  /// The next step after the latest attempt.
  /// - Parameters:
  ///   - tiers: The enabled tiers (for prices).
  ///   - request: The sub-task's signals (for the worst case of the next call).
  ///   - budget: Spend so far against the caps.
  ///   - cooldowns: Tiers whose endpoints are benched.
  package func next(
    tiers: [Tier], request: RoutingRequest, budget: BudgetState, cooldowns: Set<String>
  ) -> Step {
    if let last = attempts.last, last.succeeded { return .done }
    let tried = Set(attempts.map(\.tier))
    let position = attempts.last.flatMap { last in ladder.firstIndex(of: last.tier) } ?? -1
    var reasons: [String] = []
    for name in ladder.dropFirst(position + 1) where !tried.contains(name) {
      if cooldowns.contains(name) {
        reasons.append("\(name) skipped: in cooldown (its endpoints are failing)")
        continue
      }
      guard let tier = tiers.first(where: { $0.name == name }) else {
        reasons.append("\(name) skipped: no longer enabled")
        continue
      }
      let worst = tier.worstCase(promptTokens: request.promptTokens, maxTokens: request.maxTokens)
      if let pause = budget.check(cost: worst, tier: name) { return .paused(pause) }
      return .escalate(tier: name, reasons: reasons)
    }
    let failures = attempts.map {
      "\($0.tier) \($0.gatePassed ? "failed the tests" : "failed the gate")"
    }
    let all = failures + reasons
    return .exhausted(
      reason: "no tier could do this"
        + (all.isEmpty ? "" : ": " + all.joined(separator: "; ")))
  }
}
