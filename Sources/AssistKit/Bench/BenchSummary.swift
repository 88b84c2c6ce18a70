/// Bench results grouped by topology and policy: the numbers the table and the charts show.
package struct BenchSummary: Sendable, Equatable, Codable {
  /// One (topology, policy) group.
  package struct Group: Sendable, Equatable, Codable {
    /// `single` or `multi`.
    package var topology: String
    /// The policy label (`cloud-only (cloud played by local-medium)`).
    package var policy: String
    /// Cells run.
    package var runs: Int
    /// Cells whose check passed.
    package var successes: Int
    /// All tokens.
    package var tokens: Int
    /// Coordination tokens.
    package var coordinationTokens: Int
    /// Dollars at the configured prices.
    package var cost: Double
    /// Dollars at cloud prices.
    package var counterfactualCost: Double
    /// Summed wall seconds.
    package var wallSeconds: Double
    /// Summed orchestrator seconds.
    package var orchestratorSeconds: Double

    /// successes / runs.
    package var successRate: Double { runs == 0 ? 0 : Double(successes) / Double(runs) }
    /// Coordination / all tokens over the group.
    package var overheadRatio: Double {
      tokens == 0 ? 0 : Double(coordinationTokens) / Double(tokens)
    }
    /// Cloud-priced dollars per successful task (nil with no success).
    package var counterfactualPerSuccess: Double? {
      successes == 0 ? nil : counterfactualCost / Double(successes)
    }
  }

  /// Groups in (topology, policy) order of first appearance.
  package var groups: [Group]

  /// Groups `results`.
  package init(_ results: [BenchResult]) {
    var groups: [Group] = []
    for result in results {
      var index = groups.firstIndex {
        $0.topology == result.topology && $0.policy == result.policyLabel
      }
      if index == nil {
        groups.append(
          Group(
            topology: result.topology, policy: result.policyLabel, runs: 0, successes: 0,
            tokens: 0, coordinationTokens: 0, cost: 0, counterfactualCost: 0, wallSeconds: 0,
            orchestratorSeconds: 0))
        index = groups.count - 1
      }
      guard let index else { continue }
      groups[index].runs += 1
      groups[index].successes += result.success ? 1 : 0
      groups[index].tokens += result.overhead.workTokens + result.overhead.coordinationTokens
      groups[index].coordinationTokens += result.overhead.coordinationTokens
      groups[index].cost += result.cost
      groups[index].counterfactualCost += result.counterfactualCost
      groups[index].wallSeconds += result.wallSeconds
      groups[index].orchestratorSeconds += result.overhead.orchestratorSeconds
    }
    self.groups = groups
  }
}
