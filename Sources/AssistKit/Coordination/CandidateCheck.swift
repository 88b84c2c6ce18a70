/// Seams between a sub-agent's attempt loop and the services that judge and bill it.
///
/// Each has one live implementation (tests run the repository's own tests; the ledger is the
/// store's) and the protocol lets the loop be tested with real components in isolation.
package protocol CandidateVerifying: Sendable {
  /// Runs the repository's tests with `changes` applied to a scratch copy of the base.
  /// - Returns: The verdict and, when it fails, feedback for the model.
  func verify(changes: [EditApplier.FileChange]) async -> CandidateVerdict
  /// How the tests fail before any change, for the first prompt; `nil` when they pass or did
  /// not run. Small models find a bug far more often when they see the failing assertion.
  /// - Parameter functions: For a prompt of named functions: only the assertions of the tests
  ///   that mention one of them (all when none does), no header; empty for the full rendering.
  func baselineFailure(focusedOn functions: [String]) async -> String?
  /// A line for the user when the tests themselves are a problem on the base commit (they hung
  /// past their limit), so a slow suite is not silently judged by the hung-suite limit.
  func baselineNotice() async -> String?
  /// The same verifier with a short limit for each candidate run (at least `limit`, and three
  /// times the base commit's run), passing only a candidate every test passes: for cheap
  /// candidates tried by the dozen, where one that hangs must not cost the suite's whole limit
  /// and one that fixes part of the failure is a guess.
  func limited(to limit: Duration) -> any CandidateVerifying
  /// The proposal's own verification: every accepted change together, before and after, for the
  /// proposal and its commit trailer (`Assist-Verified`); `nil` when the tests could not run.
  func summary(of changes: [EditApplier.FileChange]) async -> VerificationSummary?
  /// The same verifier judging a fix by the failing tests about `names` only: a candidate that
  /// makes those pass and breaks nothing passes though others still fail. `nil` when it cannot
  /// tell the tests apart by function (a verifier that does not ask for a fix).
  func judging(only names: Set<String>) -> (any CandidateVerifying)?
}

extension CandidateVerifying {
  package func baselineFailure(focusedOn functions: [String]) async -> String? { nil }
  package func baselineNotice() async -> String? { nil }
  package func limited(to limit: Duration) -> any CandidateVerifying { self }
  package func summary(of changes: [EditApplier.FileChange]) async -> VerificationSummary? { nil }
  package func judging(only names: Set<String>) -> (any CandidateVerifying)? { nil }
}

/// What the tests said about a candidate.
package enum CandidateVerdict: Sendable, Equatable {
  /// The candidate may land; `summary` says what ran.
  case passed(summary: String)
  /// It may not; `feedback` is for the model.
  case failed(summary: String, feedback: String)
  /// Verification did not run (no command, `--no-verify`).
  case skipped(reason: String)

  /// Whether the candidate may land.
  package var mayLand: Bool {
    if case .failed = self { return false }
    return true
  }

  /// One line for progress output.
  package var summary: String {
    switch self {
    case .passed(let s), .failed(let s, _): s
    case .skipped(let reason): "not verified: \(reason)"
    }
  }
}

/// Reserves and settles money around paid model calls.
package protocol CallBilling: Sendable {
  /// Reserves the worst case of a call, or says why it may not be made.
  /// - Returns: A ticket to settle, or `nil` for free tiers.
  /// - Throws: ``BudgetExceeded`` when a cap would be crossed.
  func reserve(tier: Tier, subtask: String, agent: String, promptTokens: Int, maxTokens: Int)
    async throws
    -> BillingTicket?
  /// Settles a ticket to what the call actually used (or releases it when the call failed).
  func settle(_ ticket: BillingTicket, usage: Usage?) async
}

/// A reservation to settle.
package struct BillingTicket: Sendable, Equatable {
  /// The ledger's reservation id.
  package var id: Int64
  /// The amount reserved.
  package var amount: Double
  /// The ledger's own record, when the live ledger made it.
  package var reservation: Reservation?

  /// Creates a ticket.
  package init(id: Int64, amount: Double, reservation: Reservation? = nil) {
    self.id = id
    self.amount = amount
    self.reservation = reservation
  }
}

/// A call that would cross a budget cap.
package struct BudgetExceeded: Error, Sendable, Equatable, CustomStringConvertible {
  /// The cap, spend and reset time, as one line.
  package var message: String

  /// Creates the error.
  package init(message: String) { self.message = message }

  package var description: String { message }
}
