internal import Foundation

/// What the router knows about one tier for one request: the user's outcomes for the closest key
/// that has any (work, edit format, size bucket → work and format → format → work), weighted by
/// age, plus the shipped prior as pseudo-attempts.
package struct RoutingEvidence: Sendable, Equatable {
  /// The key the outcomes were matched on ("fix whole-file ≤80").
  package var key: String
  /// Outcomes counted (unweighted).
  package var observed: Int
  /// Observed successes (unweighted).
  package var observedSuccesses: Int
  /// Age-weighted attempts plus the prior's pseudo-attempts.
  package var attempts: Double
  /// Age-weighted successes plus the prior's.
  package var successes: Double
  /// Age-weighted escalations (priors add none).
  package var escalations: Double
  /// The prior that was added, if any.
  package var prior: RoutingPriors.Entry?

  /// Weighted counts this close to a threshold reach it (outcomes seconds old weigh 0.99999…).
  package static let tolerance = 0.001

  /// The point estimate of the success rate.
  package var successRate: Double { attempts == 0 ? 0 : successes / attempts }

  /// The Wilson score interval of `successes` in `attempts` at `z`: (lower, upper).
  package static func wilson(_ successes: Double, _ attempts: Double, z: Double) -> (
    lower: Double, upper: Double
  ) {
    guard attempts > 0 else { return (0, 1) }
    let p = min(max(successes / attempts, 0), 1)
    let z2 = z * z
    let denominator = 1 + z2 / attempts
    let centre = (p + z2 / (2 * attempts)) / denominator
    let margin = z * (p * (1 - p) / attempts + z2 / (4 * attempts * attempts)).squareRoot()
    return (max(0, centre - margin / denominator), min(1, centre + margin / denominator))
  }

  /// The upper confidence bound of the success rate.
  package func upperSuccess(z: Double) -> Double { Self.wilson(successes, attempts, z: z).upper }
  /// The lower confidence bound of the escalation rate.
  package func lowerEscalation(z: Double) -> Double {
    Self.wilson(escalations, attempts, z: z).lower
  }
}

extension RoutingHistory {
  /// The evidence for `request` on `tier` under `rule` (decay, size buckets), with the priors.
  package func evidence(
    for request: RoutingRequest, tier: String, rule: RoutingPolicy.HistoryRule
  ) -> RoutingEvidence? {
    let work = request.workKey
    let format = request.editFormat
    let size = rule.sizeBucket(lines: request.lines)
    // One pass: the four keys, most specific first (work+format+size, work+format, format, work).
    var tallies = [Tally](repeating: Tally(), count: 4)
    for outcome in workOutcomes(work, tier: tier) {
      let w = weight(of: outcome, rule)
      tallies[3].add(outcome, w)
      if let format, outcome.editFormat == format {
        tallies[1].add(outcome, w)
        if outcome.sizeBucket == size { tallies[0].add(outcome, w) }
      }
    }
    if let format {
      for outcome in formatOutcomes(format: format, tier: tier) {
        tallies[2].add(outcome, weight(of: outcome, rule))
      }
    }
    let usable = format == nil ? [3] : [0, 1, 2, 3]
    let threshold = Double(rule.minAttempts) - RoutingEvidence.tolerance
    let chosen =
      usable.first { tallies[$0].attempts >= threshold }
      ?? usable.first { tallies[$0].observed > 0 }
    let prior = priors.prior(work: work, format: format, tier: tier)
    guard chosen != nil || prior != nil else { return nil }
    let formatText = format.map { "\($0)-format" } ?? ""
    let keys = [
      "\(work) \(formatText) \(size)-line", "\(work) \(formatText)", formatText, work,
    ]
    let tally = chosen.map { tallies[$0] } ?? Tally()
    var evidence = RoutingEvidence(
      key: keys[chosen ?? 1], observed: tally.observed, observedSuccesses: tally.observedSuccesses,
      attempts: tally.attempts, successes: tally.successes, escalations: tally.escalations,
      prior: prior)
    if let prior {
      evidence.attempts += priors.weight
      evidence.successes += priors.weight * prior.passRate
    }
    return evidence
  }

  /// Weighted and plain counts of one key.
  private struct Tally {
    var observed = 0
    var observedSuccesses = 0
    var attempts = 0.0
    var successes = 0.0
    var escalations = 0.0

    mutating func add(_ outcome: AttemptOutcome, _ weight: Double) {
      observed += 1
      attempts += weight
      if outcome.succeeded {
        observedSuccesses += 1
        successes += weight
      }
      if outcome.escalated { escalations += weight }
    }
  }

  /// 1 for an outcome from now, ½ at one half-life, and so on.
  private func weight(of outcome: AttemptOutcome, _ rule: RoutingPolicy.HistoryRule) -> Double {
    guard rule.halfLifeDays > 0 else { return 1 }
    let days = max(0, now.timeIntervalSince(outcome.at)) / 86_400
    return pow(0.5, days / rule.halfLifeDays)
  }
}
