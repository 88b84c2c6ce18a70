package import FoundationEssentials

/// Measured outcomes per (kind, tier) and per (edit format, tier), over a recent window, with the
/// shipped priors and the time their age is measured from (``evidence(for:tier:rule:)``).
///
/// Loaded from the store with ``RoutingStore/history(window:)``; the router reads it, and a tier
/// that keeps failing a kind stops getting it (``RoutingPolicy/HistoryRule``).
package struct RoutingHistory: Sendable, Equatable {
  /// Counts over the window.
  package struct Stats: Sendable, Equatable, Codable {
    /// Attempts counted.
    package var attempts = 0
    /// Attempts whose edit passed the gate.
    package var gatePasses = 0
    /// Attempts whose tests ran.
    package var verified = 0
    /// Attempts whose tests ran and passed.
    package var verifyPasses = 0
    /// Attempts that passed the gate and did not fail the tests.
    package var successes = 0
    /// Attempts that escalated past the tier.
    package var escalations = 0

    /// Creates empty counts.
    package init() {}

    /// Gate passes / attempts.
    package var gatePassRate: Double { rate(gatePasses, attempts) }
    /// Successes / attempts.
    package var successRate: Double { rate(successes, attempts) }
    /// Escalations / attempts.
    package var escalationRate: Double { rate(escalations, attempts) }
    /// Test passes / attempts whose tests ran, if any ran.
    package var verifyPassRate: Double? { verified == 0 ? nil : rate(verifyPasses, verified) }

    private func rate(_ n: Int, _ d: Int) -> Double { d == 0 ? 0 : Double(n) / Double(d) }

    fileprivate mutating func add(_ outcome: AttemptOutcome) {
      attempts += 1
      if outcome.gatePassed { gatePasses += 1 }
      if let verify = outcome.verifyPassed {
        verified += 1
        if verify { verifyPasses += 1 }
      }
      if outcome.succeeded { successes += 1 }
      if outcome.escalated { escalations += 1 }
    }
  }

  private struct Key: Hashable, Sendable {
    var group: String
    var tier: String
  }

  /// Attempts kept per key.
  package let window: Int
  /// Benchmark pass rates counted as pseudo-attempts.
  package var priors: RoutingPriors
  /// When the history is read: outcomes' ages are measured from here.
  package var now: Date
  private var byKind: [Key: [AttemptOutcome]] = [:]
  private var byFormat: [Key: [AttemptOutcome]] = [:]
  private var kindStats: [Key: Stats] = [:]
  /// Per (work, tier), the outcomes inside the tier's (kind, tier) windows (what evidence reads).
  private var byWork: [Key: [AttemptOutcome]] = [:]
  private var formatStats: [Key: Stats] = [:]

  /// Creates an empty history.
  /// - Parameters:
  ///   - window: Attempts kept per (kind, tier) and (format, tier).
  ///   - priors: Benchmark pass rates counted as pseudo-attempts.
  ///   - now: When the history is read.
  package init(window: Int = 20, priors: RoutingPriors = .init(), now: Date = Date()) {
    self.window = max(window, 1)
    self.priors = priors
    self.now = now
  }

  /// The outcomes of `work` (a change action, else a kind) on `tier` inside the (kind, tier)
  /// windows, in no particular order.
  package func workOutcomes(_ work: String, tier: String) -> [AttemptOutcome] {
    byWork[Key(group: work, tier: tier)] ?? []
  }
  /// The outcomes inside the (`format`, `tier`) window.
  package func formatOutcomes(format: String, tier: String) -> [AttemptOutcome] {
    byFormat[Key(group: format, tier: tier)] ?? []
  }

  /// Adds an outcome, dropping the oldest beyond the window. Outcomes arrive oldest first.
  package mutating func record(attempt outcome: AttemptOutcome) {
    let kindKey = Key(group: outcome.kind, tier: outcome.tier)
    let full = (byKind[kindKey]?.count ?? 0) >= window
    kindStats[kindKey] = Self.push(outcome, into: &byKind[kindKey, default: []], window: window)
    let workKey = Key(group: outcome.work ?? outcome.kind, tier: outcome.tier)
    if !full {
      byWork[workKey, default: []].append(outcome)
    } else {
      // The window dropped its oldest outcome, which may belong to another work: rebuild the
      // works of this (kind, tier).
      for key in byWork.keys where key.tier == outcome.tier {
        byWork[key]?.removeAll { $0.kind == outcome.kind }
      }
      for kept in byKind[kindKey] ?? [] {
        byWork[Key(group: kept.work ?? kept.kind, tier: kept.tier), default: []].append(kept)
      }
    }
    if let format = outcome.editFormat {
      let formatKey = Key(group: format, tier: outcome.tier)
      formatStats[formatKey] = Self.push(
        outcome, into: &byFormat[formatKey, default: []], window: window)
    }
  }

  /// Counts for `kind` on `tier`, if any attempt was recorded.
  package func stats(kind: String, tier: String) -> Stats? {
    kindStats[Key(group: kind, tier: tier)]
  }

  /// Counts for edit `format` on `tier`, if any attempt was recorded.
  package func stats(format: String, tier: String) -> Stats? {
    formatStats[Key(group: format, tier: tier)]
  }

  private static func push(
    _ outcome: AttemptOutcome, into list: inout [AttemptOutcome], window: Int
  ) -> Stats {
    list.append(outcome)
    if list.count > window { list.removeFirst(list.count - window) }
    var stats = Stats()
    for item in list { stats.add(item) }
    return stats
  }
}
