/// The dollar caps a call is checked against; `nil` means no cap of that kind.
package struct BudgetCaps: Sendable, Equatable, Codable {
  /// Per run (`assist task`, `--budget`).
  package var perTask: Double?
  /// Per UTC day, across processes and repositories.
  package var perDay: Double?
  /// Per UTC month.
  package var perMonth: Double?
  /// Per tier per UTC day.
  package var perTierPerDay: [String: Double]

  /// Creates caps.
  package init(
    perTask: Double? = nil, perDay: Double? = nil, perMonth: Double? = nil,
    perTierPerDay: [String: Double] = [:]
  ) {
    self.perTask = perTask
    self.perDay = perDay
    self.perMonth = perMonth
    self.perTierPerDay = perTierPerDay
  }

  /// The caps of a configuration and policy, with `--budget` overriding the per-task cap.
  /// - Parameters:
  ///   - budgets: The config's budgets.
  ///   - policy: The routing policy (per-tier caps).
  ///   - runBudget: `--budget`, if given.
  package init(budgets: AssistConfig.Budgets, policy: RoutingPolicy, runBudget: Double? = nil) {
    self.init(
      perTask: runBudget ?? budgets.perTask, perDay: budgets.perDay, perMonth: budgets.perMonth,
      perTierPerDay: policy.budget.tierDailyCaps)
  }

  /// No caps at all.
  package static let none = BudgetCaps()
}
