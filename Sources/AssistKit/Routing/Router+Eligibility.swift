extension Router {
  /// Why `tier` cannot take the sub-task, or `nil` when it can.
  func exclusion(
    of tier: Tier, at index: Int, minIndex: Int, _ r: RoutingRequest, _ history: RoutingHistory,
    _ cooldowns: Set<String>
  ) -> String? {
    if cooldowns.contains(tier.name) { return "in cooldown (its endpoints are failing)" }
    if index < minIndex, let minimum = r.hints.minTier {
      return "below the agent's min_tier \(minimum)"
    }
    if r.contextTokens > tier.contextWindow {
      return "needs \(r.contextTokens) tokens of context (prompt \(r.promptTokens) + max_tokens "
        + "\(r.maxTokens)), window is \(tier.contextWindow)"
    }
    let sensitive = r.identifierSensitive || policy.rule(for: r.kind).identifierSensitive
    let bits = policy.bits(of: tier)
    if sensitive, bits < policy.identifierMinBits {
      let what = policy.rule(for: r.kind).identifierSensitive ? r.kind : "identifier-exact work"
      return "\(what) needs ≥\(Self.bitsText(policy.identifierMinBits))-bit weights, "
        + "tier is \(Self.bitsText(bits))-bit"
    }
    let rule = policy.history
    // A request in a known format with a record of its own on this tier is judged by that record
    // alone: a small model that fails whole files may still be good at one function.
    let measured: (stats: RoutingHistory.Stats, what: String)?
    if let format = r.editFormat, let stats = history.stats(format: format, tier: tier.name) {
      measured = (stats, "\(format)-format")
    } else {
      measured = history.stats(kind: r.kind, tier: tier.name).map { ($0, r.kind) }
    }
    if let (stats, what) = measured, stats.attempts >= rule.minAttempts {
      if stats.successRate < rule.minPassRate {
        return "history: \(stats.successes) of the last \(stats.attempts) \(what) attempts "
          + "passed (\(Self.percent(stats.successRate)), below \(Self.percent(rule.minPassRate)))"
      }
      if stats.escalationRate > rule.maxEscalationRate {
        return "history: \(stats.escalations) of the last \(stats.attempts) \(what) attempts "
          + "escalated (\(Self.percent(stats.escalationRate)), above "
          + "\(Self.percent(rule.maxEscalationRate)))"
      }
    }
    return nil
  }

  /// A short account of why an eligible tier fits.
  func fitReason(
    _ tier: Tier, _ r: RoutingRequest, _ history: RoutingHistory,
    verdict: RoutingDecision.Verdict
  ) -> String {
    var parts: [String] = []
    switch verdict {
    case .chosen: parts.append("starts here")
    case .escalation: parts.append("escalation rung")
    case .belowFloor: parts.append("able, but below the floor")
    case .skipped: break
    }
    parts.append("context \(r.contextTokens)/\(tier.contextWindow)")
    if let stats = history.stats(kind: r.kind, tier: tier.name) {
      parts.append("history \(stats.successes)/\(stats.attempts) passed")
    }
    if !tier.isFree {
      let worst = tier.worstCase(promptTokens: r.promptTokens, maxTokens: r.maxTokens)
      parts.append("worst case \(BudgetPause.dollars(worst))")
    }
    return parts.joined(separator: ", ")
  }

  static func bitsText(_ bits: Double) -> String {
    bits == bits.rounded() ? String(Int(bits)) : String(bits)
  }

  static func percent(_ rate: Double) -> String { "\(Int((rate * 100).rounded()))%" }
}
