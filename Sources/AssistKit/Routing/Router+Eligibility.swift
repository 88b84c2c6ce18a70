extension Router {
  /// Why a tier is not on a sub-task's ladder.
  enum Exclusion: Equatable {
    /// It cannot run the sub-task at all (cooldown, context window, the agent's `min_tier`).
    case hard(String)
    /// It can, but its measured record (and the priors) say it will likely fail: disfavoured,
    /// still explored and still used when no other healthy tier is left.
    case history(String)

    var reason: String {
      switch self {
      case .hard(let why), .history(let why): why
      }
    }
  }

  /// Why `tier` should not take the sub-task, or `nil` when it can.
  func exclusion(
    of tier: Tier, at index: Int, minIndex: Int, _ r: RoutingRequest,
    _ evidence: RoutingEvidence?, _ cooldowns: Set<String>
  ) -> Exclusion? {
    if cooldowns.contains(tier.name) { return .hard("in cooldown (its endpoints are failing)") }
    if index < minIndex, let minimum = r.hints.minTier {
      return .hard("below the agent's min_tier \(minimum)")
    }
    if r.contextTokens > tier.contextWindow {
      return .hard(
        "needs \(r.contextTokens) tokens of context (prompt \(r.promptTokens) + max_tokens "
          + "\(r.maxTokens)), window is \(tier.contextWindow)")
    }
    let rule = policy.history
    // Ruled out only with enough evidence for this kind of work (work, format, size; priors
    // included) and when even the optimistic bound of its success rate is below the threshold.
    guard let evidence, evidence.attempts >= Double(rule.minAttempts) - RoutingEvidence.tolerance
    else { return nil }
    let counted = Self.evidenceText(evidence)
    let upper = evidence.upperSuccess(z: rule.confidenceZ)
    if upper < rule.minPassRate {
      return .history(
        "history: \(counted) passed (at most \(Self.percent(upper)) at the policy's confidence, "
          + "below \(Self.percent(rule.minPassRate)))")
    }
    let lower = evidence.lowerEscalation(z: rule.confidenceZ)
    if lower > rule.maxEscalationRate {
      return .history(
        "history: \(counted) escalated too often (at least \(Self.percent(lower)), above "
          + "\(Self.percent(rule.maxEscalationRate)))")
    }
    return nil
  }

  /// "1 of 5 fix function-format attempts (+ prior 45% ×4)".
  static func evidenceText(_ e: RoutingEvidence) -> String {
    var text = "\(e.observedSuccesses) of \(e.observed) \(e.key) attempts"
    if let prior = e.prior { text += " (+ benchmark prior \(percent(prior.passRate)))" }
    return text
  }

  /// Whether identifier-exact work would rather not run on `tier` (too few bits).
  func lacksBits(_ tier: Tier, _ r: RoutingRequest) -> Bool {
    (r.identifierSensitive || policy.rule(for: r.kind).identifierSensitive)
      && policy.bits(of: tier) < policy.identifierMinBits
  }

  /// "rename prefers ≥5-bit weights, tier is 4-bit".
  func bitsReason(_ tier: Tier, _ r: RoutingRequest) -> String {
    let what = policy.rule(for: r.kind).identifierSensitive ? r.kind : "identifier-exact work"
    return "\(what) prefers ≥\(Self.bitsText(policy.identifierMinBits))-bit weights, tier is "
      + "\(Self.bitsText(policy.bits(of: tier)))-bit"
  }

  /// A short account of why an eligible tier fits.
  func fitReason(
    _ tier: Tier, _ r: RoutingRequest, _ evidence: RoutingEvidence?,
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
    if let evidence {
      parts.append("history \(Self.evidenceText(evidence)) passed")
    }
    if lacksBits(tier, r) { parts.append(bitsReason(tier, r) + " (the gate checks identifiers)") }
    if !tier.isFree {
      let worst = tier.worstCase(promptTokens: r.promptTokens, maxTokens: r.maxTokens)
      parts.append("worst case \(BudgetPause.dollars(worst))")
    }
    return parts.joined(separator: ", ")
  }

  /// A number in [0, 1) fixed by the run and sub-task: whether this decision explores.
  package static func explorationDraw(runID: String, subtaskID: String) -> Double {
    // FNV-1a: stable across processes and platforms, unlike Hasher.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in "\(runID)/\(subtaskID)".utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    // FNV's high bits barely move for inputs that differ at the end: mix them (splitmix64).
    hash ^= hash >> 33
    hash = hash &* 0xff51_afd7_ed55_8ccd
    hash ^= hash >> 33
    hash = hash &* 0xc4ce_b9fe_1a85_ec53
    hash ^= hash >> 33
    return Double(hash >> 11) / Double(UInt64(1) << 53)
  }

  static func bitsText(_ bits: Double) -> String {
    bits == bits.rounded() ? String(Int(bits)) : String(bits)
  }

  static func percent(_ rate: Double) -> String { "\(Int((rate * 100).rounded()))%" }
}
