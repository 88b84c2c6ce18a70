/// One row of `assist log`: a run of `assist task` (or `apply --patch`) and its totals.
package struct RunRecord: Sendable, Equatable, Codable {
  /// Where a run is.
  package enum Status: String, Sendable, Codable {
    /// Running now (or killed: a stale `running` row with no process is resumable).
    case running
    /// Produced a proposal waiting for review.
    case proposed
    /// Its proposal was applied.
    case applied
    /// Its proposal was rejected.
    case rejected
    /// Nothing usable came out; `detail` says why.
    case failed
    /// Stopped at a budget cap; `assist resume` continues it.
    case paused
    /// Interrupted (Ctrl-C); resumable.
    case cancelled
    /// Its process ended without finishing (killed, crashed); found at the next start; resumable.
    case interrupted
  }

  /// The run id (12 hex characters).
  package var id: String
  /// Seconds since 1970.
  package var createdAt: Double
  /// The repository's work tree.
  package var repository: String
  /// The command (`task`, `apply`).
  package var command: String
  /// The task text.
  package var task: String
  /// Where it is.
  package var status: Status
  /// Dollars spent.
  package var cost: Double
  /// What the same tokens would have cost at the cloud tier's price.
  package var counterfactualCost: Double
  /// Coordination tokens / all tokens.
  package var overheadRatio: Double
  /// Files the proposal changes.
  package var files: Int
  /// All tokens.
  package var tokens: Int
  /// A one-line note (why it failed, which cap paused it).
  package var detail: String
  /// The process running it, while it runs (`nil` in rows written before this was kept).
  package var owner: RunOwner?

  /// Creates a record.
  package init(
    id: String, createdAt: Double, repository: String, command: String, task: String,
    status: Status, cost: Double = 0, counterfactualCost: Double = 0, overheadRatio: Double = 0,
    files: Int = 0, tokens: Int = 0, detail: String = ""
  ) {
    self.id = id
    self.createdAt = createdAt
    self.repository = repository
    self.command = command
    self.task = task
    self.status = status
    self.cost = cost
    self.counterfactualCost = counterfactualCost
    self.overheadRatio = overheadRatio
    self.files = files
    self.tokens = tokens
    self.detail = detail
  }

  /// The money saved against all-cloud pricing.
  package var savings: Double { max(0, counterfactualCost - cost) }
}
