/// One bench cell: a task run under one topology and one policy, and how it went.
///
/// Saved as JSON under the bench's output folder so `assist bench --replay` can re-price it.
package struct BenchResult: Sendable, Equatable, Codable {
  /// One model call, enough to price it again.
  package struct Call: Sendable, Equatable, Codable {
    /// The tier that served it.
    package var tier: String
    /// Uncached input tokens.
    package var inputTokens: Int
    /// Output tokens.
    package var outputTokens: Int
    /// Cached input tokens.
    package var cachedTokens: Int
    /// Work or coordination.
    package var classification: Span.Classification

    /// Creates a call record.
    package init(
      tier: String, inputTokens: Int, outputTokens: Int, cachedTokens: Int = 0,
      classification: Span.Classification
    ) {
      self.tier = tier
      self.inputTokens = inputTokens
      self.outputTokens = outputTokens
      self.cachedTokens = cachedTokens
      self.classification = classification
    }

    /// Input + cached + output.
    package var tokens: Int { inputTokens + cachedTokens + outputTokens }
  }

  /// `example/id`.
  package var task: String
  /// The task's category.
  package var category: String
  /// `single` or `multi`.
  package var topology: String
  /// `local-only`, `hybrid` or `cloud-only`.
  package var policy: String
  /// The tier that played the cloud when no cloud key was set (`local-medium`), else `nil`.
  package var cloudPlayedBy: String?
  /// The run id in the store (`assist stats ID`, `assist trace ID`).
  package var runID: String?
  /// The acceptance check passed.
  package var success: Bool
  /// Why it failed, or what the check said.
  package var detail: String
  /// Every model call.
  package var calls: [Call]
  /// Dollars at the configured prices.
  package var cost: Double
  /// Dollars had every call been priced at the cloud tier.
  package var counterfactualCost: Double
  /// Seconds from the coordinator's start to the end of the check.
  package var wallSeconds: Double
  /// The run's token and time accounting.
  package var overhead: Overhead

  /// Creates a result.
  package init(
    task: String, category: String, topology: String, policy: String,
    cloudPlayedBy: String? = nil, runID: String? = nil, success: Bool, detail: String,
    calls: [Call] = [], cost: Double = 0, counterfactualCost: Double = 0, wallSeconds: Double = 0,
    overhead: Overhead = Overhead(spans: [])
  ) {
    self.task = task
    self.category = category
    self.topology = topology
    self.policy = policy
    self.cloudPlayedBy = cloudPlayedBy
    self.runID = runID
    self.success = success
    self.detail = detail
    self.calls = calls
    self.cost = cost
    self.counterfactualCost = counterfactualCost
    self.wallSeconds = wallSeconds
    self.overhead = overhead
  }

  /// All tokens.
  package var tokens: Int { calls.reduce(0) { $0 + $1.tokens } }

  /// The policy as the report shows it: `cloud-only (played by local-medium)`.
  package var policyLabel: String {
    cloudPlayedBy.map { "\(policy) (cloud played by \($0))" } ?? policy
  }
}

/// The whole bench: every cell, with the command that made it.
package struct BenchRecord: Sendable, Equatable, Codable {
  /// The exact command line.
  package var command: String
  /// When it started (ISO 8601, UTC).
  package var started: String
  /// The machine and models, one line.
  package var machine: String
  /// The cells, in run order.
  package var results: [BenchResult]
  /// Set when these results were re-priced (`--replay`): what changed.
  package var repricedWith: String?

  /// Creates a record.
  package init(
    command: String, started: String, machine: String, results: [BenchResult],
    repricedWith: String? = nil
  ) {
    self.command = command
    self.started = started
    self.machine = machine
    self.results = results
    self.repricedWith = repricedWith
  }
}
