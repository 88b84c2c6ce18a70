/// How `assist task` runs.
package struct TaskOptions: Sendable, Equatable, Codable {
  /// Which tiers a run may use (the baselines `assist bench` compares).
  package enum TierFilter: String, Sendable, Equatable, Codable, CaseIterable {
    /// Every enabled tier (hybrid routing).
    case all
    /// Only tiers served on this machine.
    case localOnly = "local-only"
    /// Only the strongest tier.
    case cloudOnly = "cloud-only"
  }

  /// The task text.
  package var task: String
  /// Run the whole task as one sub-task (the baseline topology).
  package var singleAgent: Bool
  /// Run the repository's tests on candidates.
  package var verify: Bool
  /// Overrides the discovered test command.
  package var verifyCommand: String?
  /// Overrides the per-task budget cap, in dollars.
  package var budget: Double?
  /// Which tiers may be used.
  package var tiers: TierFilter
  /// Reflection rounds per tier.
  package var reflections: Int
  /// Run every call on this tier only (no routing, no escalation): for baselines and debugging.
  package var pinnedTier: String?
  /// The edit format every editing sub-agent uses (`--edit-format`); `nil` = the agents' own
  /// choice (`auto`: one named function on a free tier, whole files, or search/replace).
  package var editFormat: String?
  /// Leaves every real conflict between sub-agents to the human (`--no-arbiter`).
  package var noArbiter: Bool {
    get { arbiterOff ?? false }
    set { arbiterOff = newValue }
  }
  /// Stored optional so checkpoints written before the flag existed still decode.
  private var arbiterOff: Bool?
  /// Seconds after which no new model call starts (`--time-limit`); `nil` = no limit.
  package var timeLimit: Double?
  /// The landing asked for with the run (`--apply`, `--here`), so `assist resume` honours it;
  /// `nil` = propose only (and in checkpoints written before this was kept).
  package var landing: LandingRequest?

  /// Creates options.
  package init(
    task: String, singleAgent: Bool = false, verify: Bool = true, verifyCommand: String? = nil,
    budget: Double? = nil, tiers: TierFilter = .all, reflections: Int = 2,
    pinnedTier: String? = nil,
    noArbiter: Bool = false, editFormat: String? = nil, timeLimit: Double? = nil
  ) {
    self.timeLimit = timeLimit
    self.editFormat = editFormat
    self.pinnedTier = pinnedTier
    self.task = task
    self.singleAgent = singleAgent
    self.verify = verify
    self.verifyCommand = verifyCommand
    self.budget = budget
    self.tiers = tiers
    self.reflections = reflections
    self.arbiterOff = noArbiter ? true : nil
  }

  /// `--apply` as the run recorded it.
  package struct LandingRequest: Sendable, Equatable, Codable {
    /// `--here`: commit on the current branch instead of `assist/<id>`.
    package var here: Bool

    /// Creates a request.
    package init(here: Bool) { self.here = here }
  }

  /// The tiers `filter` leaves, cheapest first.
  package func tiers(from all: [Tier]) -> [Tier] {
    if let pinnedTier { return all.filter { $0.name == pinnedTier } }
    return switch tiers {
    case .all: all
    case .localOnly: all.filter { $0.local != nil || $0.isFree }
    case .cloudOnly: all.last.map { [$0] } ?? []
    }
  }
}
