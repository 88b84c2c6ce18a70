package import FoundationEssentials

/// A model call the coordinator is about to make, as the ledger sees it.
package struct PlannedCall: Sendable, Equatable, Codable {
  /// The run (task) the call is billed to.
  package var runID: String
  /// The sub-task the call is billed to, if any (the planner's call has none).
  package var subtaskID: String?
  /// The agent making the call (`design`, `planner`, `arbiter`…), for `assist cost`.
  package var agent: String?
  /// The sub-task kind.
  package var kind: String?
  /// The tier the call goes to.
  package var tier: Tier
  /// The prompt size in tokens.
  package var promptTokens: Int
  /// The call's generation limit.
  package var maxTokens: Int

  /// Creates a planned call.
  package init(
    runID: String, subtaskID: String? = nil, agent: String? = nil, kind: String? = nil, tier: Tier,
    promptTokens: Int, maxTokens: Int
  ) {
    self.runID = runID
    self.subtaskID = subtaskID
    self.agent = agent
    self.kind = kind
    self.tier = tier
    self.promptTokens = promptTokens
    self.maxTokens = maxTokens
  }

  /// Prompt tokens at the input price plus `maxTokens` at the output price, in dollars.
  package var worstCase: Double {
    tier.worstCase(promptTokens: promptTokens, maxTokens: maxTokens)
  }
}

/// Money held in the ledger for a call in flight; settle or release it when the call ends.
package struct Reservation: Sendable, Equatable, Codable {
  /// The ledger row.
  package var id: Int64
  /// The run.
  package var runID: String
  /// The tier's name.
  package var tier: String
  /// The tier's price (to settle actual usage).
  package var price: Tier.Price
  /// Dollars held (0 for a free tier).
  package var amount: Double
  /// When it was made.
  package var createdAt: Date
}

/// The ledger's answer to ``BudgetLedger/reserve(_:now:)``.
package enum ReserveOutcome: Sendable, Equatable {
  /// The worst case is held; make the call, then settle.
  case reserved(Reservation)
  /// The call would cross a cap; nothing was recorded.
  case refused(BudgetPause)

  /// The reservation, if one was made.
  package var reservation: Reservation? {
    if case .reserved(let r) = self { return r }
    return nil
  }
}

/// Tokens a finished call actually used, as the provider reported them.
package struct BilledTokens: Sendable, Equatable, Codable {
  /// Uncached input tokens.
  package var input: Int
  /// Output tokens.
  package var output: Int
  /// Input tokens read from the provider's cache.
  package var cached: Int

  /// Creates a usage record.
  package init(input: Int, output: Int, cached: Int = 0) {
    self.input = input
    self.output = output
    self.cached = cached
  }
}

/// A settled call: what it cost and what the same tokens would have cost on the cloud.
package struct SettledCall: Sendable, Equatable, Codable {
  /// Dollars at the tier's price.
  package var actual: Double
  /// Dollars at the counterfactual (strongest cloud) tier's price.
  package var counterfactual: Double
}
