internal import Foundation

/// ``CallBilling`` over the store's ``BudgetLedger``: every call is reserved at its worst case
/// before it is sent and settled to its actual usage after (free tiers too, for cost reports).
package struct LedgerBilling: CallBilling {
  /// The ledger.
  package var ledger: BudgetLedger
  /// The run being billed.
  package var runID: String

  /// Creates billing for one run.
  package init(ledger: BudgetLedger, runID: String) {
    self.ledger = ledger
    self.runID = runID
  }

  package func reserve(
    tier: Tier, subtask: String, agent: String, promptTokens: Int, maxTokens: Int
  ) async throws -> BillingTicket? {
    let call = PlannedCall(
      runID: runID, subtaskID: subtask, agent: agent, tier: tier, promptTokens: promptTokens,
      maxTokens: maxTokens)
    switch try ledger.reserve(call) {
    case .reserved(let reservation):
      return BillingTicket(id: reservation.id, amount: reservation.amount, reservation: reservation)
    case .refused(let pause):
      throw BudgetExceeded(message: pause.description)
    }
  }

  package func settle(_ ticket: BillingTicket, usage: Usage?) async {
    guard let reservation = ticket.reservation else { return }
    if let usage {
      _ = try? ledger.settle(
        reservation,
        usage: BilledTokens(
          input: usage.inputTokens, output: usage.outputTokens, cached: usage.cacheReadTokens))
    } else {
      try? ledger.release(reservation)
    }
  }
}
