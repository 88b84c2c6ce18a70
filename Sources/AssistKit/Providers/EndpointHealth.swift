/// Per-endpoint failure counts and cooldowns, shared by every ``ModelClient`` that holds it.
///
/// A failure is a call that gave up on the endpoint (after its retries); after
/// ``failuresBeforeCooldown`` consecutive ones the endpoint is benched for ``cooldown``; one success
/// clears its record.
package actor EndpointHealth {
  private struct Record {
    var failures = 0
    var benchedUntil: Duration?
  }

  /// Consecutive failures that bench an endpoint.
  package let failuresBeforeCooldown: Int
  /// How long a benched endpoint is skipped.
  package let cooldown: Duration
  private let timeline: Timeline
  private var records: [EndpointSpec: Record] = [:]

  /// Creates an empty record book.
  /// - Parameters:
  ///   - clock: The clock cooldowns are measured on.
  ///   - failuresBeforeCooldown: Consecutive failures that bench an endpoint.
  ///   - cooldown: How long it stays benched.
  package init(
    clock: any Clock<Duration> = ContinuousClock(), failuresBeforeCooldown: Int = 3,
    cooldown: Duration = .seconds(30)
  ) {
    self.timeline = Timeline(clock: clock)
    self.failuresBeforeCooldown = max(1, failuresBeforeCooldown)
    self.cooldown = cooldown
  }

  /// Creates an empty record book with `policy`'s thresholds.
  /// - Parameters:
  ///   - clock: The clock cooldowns are measured on.
  ///   - policy: When to bench an endpoint, and for how long.
  package init(clock: any Clock<Duration>, policy: Policy) {
    self.init(
      clock: clock, failuresBeforeCooldown: policy.failuresBeforeCooldown,
      cooldown: policy.cooldown)
  }

  /// How long `endpoint` stays benched, or `nil` if it may be called now.
  package func remainingCooldown(_ endpoint: EndpointSpec) -> Duration? {
    guard let until = records[endpoint]?.benchedUntil else { return nil }
    let now = timeline.now()
    return until > now ? now.duration(to: until) : nil
  }

  /// The names of the tiers whose endpoints are all benched now, for the router and the cascade.
  ///
  /// A tier with one endpoint still callable is not in the set: ``ModelClient`` fails over to it.
  /// - Parameter tiers: The run's tiers.
  /// - Returns: The benched tiers' names.
  package func benchedTiers(among tiers: [Tier]) -> Set<String> {
    var benched: Set<String> = []
    for tier in tiers {
      let endpoints = EndpointSpec.endpoints(of: tier)
      if !endpoints.isEmpty, endpoints.allSatisfy({ remainingCooldown($0) != nil }) {
        benched.insert(tier.name)
      }
    }
    return benched
  }

  /// Counts a failure; the one that reaches the threshold benches the endpoint.
  package func recordFailure(_ endpoint: EndpointSpec) {
    var record = records[endpoint, default: Record()]
    record.failures += 1
    if record.failures >= failuresBeforeCooldown {
      record.benchedUntil = timeline.now() + cooldown
      record.failures = 0
    }
    records[endpoint] = record
  }

  /// Clears the endpoint's record.
  package func recordSuccess(_ endpoint: EndpointSpec) {
    records[endpoint] = nil
  }
}

extension EndpointHealth {
  /// When an endpoint is benched and for how long; ``Environment/endpointHealth`` carries the
  /// run's, so tests can bench after one failure.
  package struct Policy: Sendable, Equatable {
    /// Consecutive failures that bench an endpoint.
    package var failuresBeforeCooldown: Int
    /// How long a benched endpoint is skipped.
    package var cooldown: Duration

    /// Creates a policy; the defaults are ``EndpointHealth``'s.
    /// - Parameters:
    ///   - failuresBeforeCooldown: Consecutive failures that bench an endpoint.
    ///   - cooldown: How long it stays benched.
    package init(failuresBeforeCooldown: Int = 3, cooldown: Duration = .seconds(30)) {
      self.failuresBeforeCooldown = failuresBeforeCooldown
      self.cooldown = cooldown
    }
  }
}

extension Duration {
  /// The duration from `self` to `other` on the same timeline.
  fileprivate func duration(to other: Duration) -> Duration { other - self }
}
