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
    let mine = kindOutcomes.filter { $0.tier == tier }
    func workOf(_ o: AttemptOutcome) -> String { o.work ?? o.kind }
    var levels: [(String, [AttemptOutcome])] = []
    if let format {
      levels.append(
        (
          "\(work) \(format)-format \(size)-line",
          mine.filter { workOf($0) == work && $0.editFormat == format && $0.sizeBucket == size }
        ))
      levels.append(
        ("\(work) \(format)-format", mine.filter { workOf($0) == work && $0.editFormat == format }))
      levels.append(
        (
          "\(format)-format",
          formatOutcomes.filter { $0.tier == tier && $0.editFormat == format }
        ))
    }
    levels.append(("\(work)", mine.filter { workOf($0) == work }))
    let weighted = levels.map { level in
      (key: level.0, outcomes: level.1, weight: level.1.reduce(0.0) { $0 + weight(of: $1, rule) })
    }
    let chosen =
      weighted.first { $0.weight >= Double(rule.minAttempts) - RoutingEvidence.tolerance }
      ?? weighted.first { !$0.outcomes.isEmpty }
    let prior = priors.prior(work: work, format: format, tier: tier)
    guard chosen != nil || prior != nil else { return nil }
    var evidence = RoutingEvidence(
      key: chosen?.key ?? "\(work) \(format ?? "")-format", observed: 0, observedSuccesses: 0,
      attempts: 0, successes: 0, escalations: 0, prior: prior)
    for outcome in chosen?.outcomes ?? [] {
      let w = weight(of: outcome, rule)
      evidence.observed += 1
      evidence.attempts += w
      if outcome.succeeded {
        evidence.observedSuccesses += 1
        evidence.successes += w
      }
      if outcome.escalated { evidence.escalations += w }
    }
    if let prior {
      evidence.attempts += priors.weight
      evidence.successes += priors.weight * prior.passRate
    }
    return evidence
  }

  /// 1 for an outcome from now, ½ at one half-life, and so on.
  private func weight(of outcome: AttemptOutcome, _ rule: RoutingPolicy.HistoryRule) -> Double {
    guard rule.halfLifeDays > 0 else { return 1 }
    let days = max(0, now.timeIntervalSince(outcome.at)) / 86_400
    return pow(0.5, days / rule.halfLifeDays)
  }
}
