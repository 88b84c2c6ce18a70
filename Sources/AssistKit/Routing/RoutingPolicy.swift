/// The routing policy: floors per kind, difficulty and scope; hard constraints; history and budget
/// thresholds. Loaded from `share/routing-policy.yaml` (see ``RoutingPolicy/load(file:)``).
package struct RoutingPolicy: Sendable, Equatable {
  /// What the policy says about one sub-task kind.
  package struct KindRule: Sendable, Equatable {
    /// Where the kind starts.
    package var floor: TierFloor
    /// Whether the kind's edits must get identifiers exactly right (renames).
    package var identifierSensitive: Bool

    /// Creates a kind rule.
    package init(floor: TierFloor, identifierSensitive: Bool = false) {
      self.floor = floor
      self.identifierSensitive = identifierSensitive
    }
  }

  /// A floor for sub-tasks whose scope reaches any of the minimums.
  package struct ScopeRule: Sendable, Equatable {
    /// Applies at this many files or more.
    package var minFiles: Int?
    /// Applies at this many lines or more.
    package var minLines: Int?
    /// The floor it sets.
    package var floor: TierFloor

    /// Creates a scope rule.
    package init(minFiles: Int? = nil, minLines: Int? = nil, floor: TierFloor) {
      self.minFiles = minFiles
      self.minLines = minLines
      self.floor = floor
    }

    /// Whether `files` and `lines` reach this rule.
    package func applies(files: Int, lines: Int) -> Bool {
      if let minFiles, files >= minFiles { return true }
      if let minLines, lines >= minLines { return true }
      return false
    }
  }

  /// Thresholds on the measured history of (kind, tier).
  package struct HistoryRule: Sendable, Equatable {
    /// How many recent attempts per (kind, tier) count.
    package var window: Int
    /// Attempts needed before the history can rule a tier out.
    package var minAttempts: Int
    /// A lower success rate rules the tier out for the kind.
    package var minPassRate: Double
    /// A higher escalation rate rules the tier out for the kind.
    package var maxEscalationRate: Double
    /// An outcome this many days old counts half as much as one from now.
    package var halfLifeDays: Double
    /// The z of the confidence bound: a tier is ruled out only when even the upper bound of its
    /// success rate is below ``minPassRate`` (1.645: one-sided 95%).
    package var confidenceZ: Double
    /// Upper line counts of the scope's size buckets (`[80, 400]`: ≤80, ≤400, larger).
    package var sizeBuckets: [Int]
    /// The share of runs that still start on a tier the history disfavours, 0…1.
    package var exploreShare: Double

    /// Creates history thresholds.
    package init(
      window: Int = 20, minAttempts: Int = 4, minPassRate: Double = 0.5,
      maxEscalationRate: Double = 0.8, halfLifeDays: Double = 14, confidenceZ: Double = 1.645,
      sizeBuckets: [Int] = [80, 400], exploreShare: Double = 0.1
    ) {
      self.window = window
      self.minAttempts = minAttempts
      self.minPassRate = minPassRate
      self.maxEscalationRate = maxEscalationRate
      self.halfLifeDays = halfLifeDays
      self.confidenceZ = confidenceZ
      self.sizeBuckets = sizeBuckets
      self.exploreShare = exploreShare
    }

    /// The size bucket of a scope of `lines` lines: `≤80`, `≤400`, `>400` with the defaults.
    package func sizeBucket(lines: Int) -> String {
      for limit in sizeBuckets.sorted() where lines <= limit { return "≤\(limit)" }
      return ">\(sizeBuckets.max() ?? 0)"
    }
  }

  /// What to do at a budget cap.
  package struct BudgetRule: Sendable, Equatable {
    /// Run on the strongest free tier that fits instead of pausing.
    package var downgradeToFree: Bool
    /// Reservations older than this many seconds are expired.
    package var reservationTTL: Double
    /// Dollars per UTC day for single tiers.
    package var tierDailyCaps: [String: Double]

    /// Creates budget rules.
    package init(
      downgradeToFree: Bool = true, reservationTTL: Double = 900,
      tierDailyCaps: [String: Double] = [:]
    ) {
      self.downgradeToFree = downgradeToFree
      self.reservationTTL = reservationTTL
      self.tierDailyCaps = tierDailyCaps
    }
  }

  /// Rules per kind; ``defaultKind`` covers kinds without one.
  package var kinds: [String: KindRule]
  /// The rule for kinds the table does not name.
  package var defaultKind: KindRule
  /// Floors per difficulty 1…5.
  package var difficulty: [Int: TierFloor]
  /// Floors by scope.
  package var scope: [ScopeRule]
  /// Bits identifier-sensitive work needs.
  package var identifierMinBits: Double
  /// Bits assumed for non-cloud tiers whose config states none.
  package var assumeLocalBits: Double
  /// Bits assumed for cloud tiers whose config states none.
  package var assumeCloudBits: Double
  /// History thresholds.
  package var history: HistoryRule
  /// Budget behaviour.
  package var budget: BudgetRule
  /// What a sub-agent changes when a round repeats an earlier candidate.
  package var retry: RetryRule

  /// Creates a policy; the defaults match `share/routing-policy.yaml`.
  package init(
    kinds: [String: KindRule] = [
      "design": .init(floor: .strongest), "analysis": .init(floor: .strongest),
      "migration": .init(floor: .cheapest), "boilerplate": .init(floor: .cheapest),
      "rename": .init(floor: .cheapest, identifierSensitive: true),
    ],
    defaultKind: KindRule = .init(floor: .cheapest),
    difficulty: [Int: TierFloor] = [
      1: .cheapest, 2: .cheapest, 3: .index(1), 4: .cloud, 5: .cloud,
    ],
    scope: [ScopeRule] = [
      .init(minFiles: 4, floor: .index(1)), .init(minLines: 400, floor: .index(1)),
      .init(minFiles: 12, floor: .cloud), .init(minLines: 2000, floor: .cloud),
    ],
    identifierMinBits: Double = 5, assumeLocalBits: Double = 4, assumeCloudBits: Double = 16,
    history: HistoryRule = .init(), budget: BudgetRule = .init(), retry: RetryRule = .init()
  ) {
    self.kinds = kinds
    self.defaultKind = defaultKind
    self.difficulty = difficulty
    self.scope = scope
    self.identifierMinBits = identifierMinBits
    self.assumeLocalBits = assumeLocalBits
    self.assumeCloudBits = assumeCloudBits
    self.history = history
    self.budget = budget
    self.retry = retry
  }

  /// The rule for `kind`.
  package func rule(for kind: String) -> KindRule { kinds[kind] ?? defaultKind }

  /// The quantization bits the policy takes `tier` to have.
  package func bits(of tier: Tier) -> Double {
    tier.quantizationBits ?? (tier.isCloud ? assumeCloudBits : assumeLocalBits)
  }
}
