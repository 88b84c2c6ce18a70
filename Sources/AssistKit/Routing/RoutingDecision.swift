/// The router's answer for one sub-task: where to start, where to escalate, and why.
package struct RoutingDecision: Sendable, Equatable, Codable {
  /// What the router made of one tier.
  package enum Verdict: String, Sendable, Equatable, Codable {
    /// The tier the sub-task starts on.
    case chosen
    /// A later rung of the escalation ladder.
    case escalation
    /// Able, but below where this sub-task starts.
    case belowFloor
    /// Ruled out (context, quantization, history, cooldown, hint).
    case skipped
  }

  /// One tier the router looked at.
  package struct Consideration: Sendable, Equatable, Codable {
    /// The tier's name.
    package var tier: String
    /// The verdict.
    package var verdict: Verdict
    /// Why, in words ("rename needs ≥5-bit weights, tier is 4-bit").
    package var reason: String
  }

  /// What the budget did to the decision.
  package enum BudgetOutcome: Sendable, Equatable, Codable {
    /// The first call fits every cap (or is free).
    case withinBudget
    /// The wanted paid tier would cross a cap; a free tier runs it instead.
    case downgraded(from: String, BudgetPause)
    /// The wanted paid tier would cross a cap and no free tier may take it: pause the run.
    case paused(BudgetPause)
  }

  /// The tier to run first; `nil` when the run must pause or no tier can take the sub-task.
  package var tier: String?
  /// The cascade order, starting with ``tier``: escalate to the next on failure.
  package var ladder: [String]
  /// Every tier, cheapest first, with its verdict and reason.
  package var considered: [Consideration]
  /// Why the sub-task starts where it does ("design starts at the strongest tier").
  package var floorReason: String
  /// Whether the sub-task wanted a cloud tier and none is enabled.
  package var cloudAbsent: Bool
  /// A message for the user when something is degraded (cloud absent, downgrade, pause).
  package var notice: String?
  /// The budget's effect.
  package var budget: BudgetOutcome
  /// The first call's worst-case cost at ``tier`` in dollars (0 for free tiers).
  package var worstCase: Double
  /// The tier this decision explores: one the history disfavours, tried first on the policy's
  /// share of runs (the reasons say so). `nil` when it does not explore.
  package var exploring: String?

  /// Creates a decision.
  package init(
    tier: String?, ladder: [String], considered: [Consideration], floorReason: String,
    cloudAbsent: Bool = false, notice: String? = nil, budget: BudgetOutcome = .withinBudget,
    worstCase: Double = 0
  ) {
    self.tier = tier
    self.ladder = ladder
    self.considered = considered
    self.floorReason = floorReason
    self.cloudAbsent = cloudAbsent
    self.notice = notice
    self.budget = budget
    self.worstCase = worstCase
  }

  /// The pause the budget asks for, if any.
  package var pause: BudgetPause? {
    if case .paused(let pause) = budget { return pause }
    return nil
  }

  /// Human-readable lines: the floor, then one line per tier, then the notice.
  package var reasons: [String] {
    var lines = [floorReason]
    lines += considered.map { "\($0.tier) \($0.verdict.label): \($0.reason)" }
    if let notice { lines.append(notice) }
    return lines
  }
}

extension RoutingDecision.Verdict {
  /// The verdict as printed in reasons.
  package var label: String {
    switch self {
    case .chosen: "chosen"
    case .escalation: "next on failure"
    case .belowFloor: "not used"
    case .skipped: "skipped"
    }
  }
}
