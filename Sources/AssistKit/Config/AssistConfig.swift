/// The merged configuration: built-in defaults, then the user's file, then the repository's.
package struct AssistConfig: Sendable, Equatable {
  /// Spending caps in dollars; `nil` means no cap of that kind.
  package struct Budgets: Sendable, Equatable, Codable {
    /// Per `assist task` run.
    package var perTask: Double?
    /// Per calendar day (UTC), across repositories and processes.
    package var perDay: Double?
    /// Per calendar month (UTC).
    package var perMonth: Double?

    /// Creates budgets; no caps by default.
    package init(perTask: Double? = nil, perDay: Double? = nil, perMonth: Double? = nil) {
      self.perTask = perTask
      self.perDay = perDay
      self.perMonth = perMonth
    }
  }

  /// How candidate changes are verified with the repository's own tests.
  package struct Verify: Sendable, Equatable, Codable {
    /// The command, run by `/bin/sh -c` in a scratch copy; `nil` means discover one.
    package var command: String?
    /// Seconds before the command is killed (two minutes: a slower suite sets it higher).
    package var timeoutSeconds: Int
    /// Seconds before a targeted run (only the tests that touch a change) is killed; `nil` means
    /// ``targetedTimeout``'s default.
    package var targetedTimeoutSeconds: Int?

    /// Creates verification settings.
    package init(
      command: String? = nil, timeoutSeconds: Int = 120, targetedTimeoutSeconds: Int? = nil
    ) {
      self.command = command
      self.timeoutSeconds = timeoutSeconds
      self.targetedTimeoutSeconds = targetedTimeoutSeconds
    }

    /// The targeted runs' limit: `targeted_timeout_seconds`, else the whole suite's capped at
    /// two minutes (a few test files that take longer are hanging, not testing).
    package var targetedTimeout: Int { targetedTimeoutSeconds ?? min(timeoutSeconds, 120) }
  }

  /// Enabled tiers, cheapest first. Tiers whose `enabled_when_env` variable is unset are absent.
  package var tiers: [Tier]
  /// Tiers the config defines but the environment leaves off (a cloud tier without its key).
  package var disabledTiers: [String: String]
  /// Every tier the config defines, enabled or not, cheapest first (disabled tiers keep their
  /// prices for counterfactual cost reports).
  package var allTiers: [Tier]
  /// Spending caps.
  package var budgets: Budgets
  /// Verification.
  package var verify: Verify
  /// Per-file-extension check commands for the gate (`py: python3 -m py_compile {file}`).
  package var checkCommands: [String: String]
  /// Agent kinds whose changes win a conflict between sub-agents, strongest first
  /// (`reconcile: {precedence: [...]}`).
  package var reconcilePrecedence: [String] = []
  /// The files that were read, in merge order.
  package var sources: [String]

  /// Creates a configuration.
  package init(
    tiers: [Tier], disabledTiers: [String: String] = [:], allTiers: [Tier]? = nil,
    budgets: Budgets = .init(), verify: Verify = .init(), checkCommands: [String: String] = [:],
    sources: [String] = []
  ) {
    self.tiers = tiers
    self.disabledTiers = disabledTiers
    self.allTiers = allTiers ?? tiers
    self.budgets = budgets
    self.verify = verify
    self.checkCommands = checkCommands
    self.sources = sources
  }

  /// The tier called `name`.
  package func tier(named name: String) -> Tier? { tiers.first { $0.name == name } }

  /// The tier that prices the counterfactual all-cloud cost: the strongest cloud tier the config
  /// defines, even when its key is not set.
  package var counterfactualTier: Tier? { allTiers.last { $0.isCloud } }

  /// Tiers the bundled server runs.
  package var localTiers: [Tier] { tiers.filter { $0.local != nil } }
}
