/// One model call of a sub-task: where it ran, what it cost, and what became of it.
package struct Attempt: Sendable, Equatable, Codable {
  /// The tier.
  package var tier: String
  /// The model id.
  package var model: String
  /// 0 for the first call on a tier, then 1, 2… for reflections.
  package var round: Int
  /// The edit format asked for, if any.
  package var format: String?
  /// Uncached input tokens.
  package var inputTokens: Int
  /// Output tokens.
  package var outputTokens: Int
  /// Cached input tokens.
  package var cachedTokens: Int
  /// Dollars.
  package var cost: Double
  /// Seconds the call took.
  package var seconds: Double
  /// `parse`, `match`, `gate`, `check`, `tests`, `accepted`, `error`.
  package var stage: String
  /// A one-line explanation.
  package var detail: String
  /// The call's span.
  package var spanID: Int?
  /// Whether a request left for the model: `false` when the attempt stopped before sending
  /// (prompt too large for the window, endpoint cooling down or unreachable); `nil` in records
  /// written before this was kept, which counted every attempt as a call.
  package var requestSent: Bool?
  /// What this round changed from the one before (``RetryStrategy``); `nil` in old records.
  package var strategy: RetryStrategy?
  /// Whether the candidate repeated an earlier one of its sub-task or changed nothing of
  /// substance (``CandidateLedger``).
  package var duplicate: Bool?

  /// Creates an attempt record.
  package init(
    tier: String, model: String, round: Int, format: String?, inputTokens: Int = 0,
    outputTokens: Int = 0,
    cachedTokens: Int = 0, cost: Double = 0, seconds: Double = 0, stage: String, detail: String,
    spanID: Int? = nil
  ) {
    self.tier = tier
    self.model = model
    self.round = round
    self.format = format
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
    self.cachedTokens = cachedTokens
    self.cost = cost
    self.seconds = seconds
    self.stage = stage
    self.detail = detail
    self.spanID = spanID
  }

  /// Whether this attempt's output was used.
  package var accepted: Bool { stage == "accepted" }
  /// Whether this attempt sent a request (what "N call(s)" counts).
  package var sentRequest: Bool { requestSent ?? true }
  /// The call failed before a model answered (unreachable, timeout, 5xx, prompt too long): the
  /// stage stays `error`.
  package var isInfrastructureFailure: Bool { stage == "error" }
  /// All tokens.
  package var tokens: Int { inputTokens + outputTokens + cachedTokens }
}

/// What a sub-agent produced.
package struct SubtaskResult: Sendable, Equatable, Codable {
  /// How it ended.
  package enum Status: String, Sendable, Codable {
    /// Edits passed the gate (and the tests, when run).
    case accepted
    /// Findings only (analysis).
    case findings
    /// No tier produced a usable result.
    case failed
    /// A budget cap stopped it.
    case paused
  }

  /// The sub-task.
  package var subtask: Subtask
  /// The agent that ran it.
  package var agent: String
  /// How it ended.
  package var status: Status
  /// The tier whose output was used.
  package var tier: String?
  /// The model whose output was used.
  package var model: String?
  /// Files changed (base content → new), including dependencies' changes it built on.
  package var changes: [EditApplier.FileChange]
  /// What it handed back.
  package var handBack: HandBack
  /// Every call, in order.
  package var attempts: [Attempt]
  /// Why it failed or paused, or the verification summary.
  package var detail: String
  /// Whether it ended at the run's `--time-limit` (``RunDeadline``); absent in older checkpoints.
  package var stoppedAtTimeLimit: Bool? = nil

  /// Creates a result.
  package init(
    subtask: Subtask, agent: String, status: Status, tier: String?, model: String?,
    changes: [EditApplier.FileChange], handBack: HandBack, attempts: [Attempt], detail: String
  ) {
    self.subtask = subtask
    self.agent = agent
    self.status = status
    self.tier = tier
    self.model = model
    self.changes = changes
    self.handBack = handBack
    self.attempts = attempts
    self.detail = detail
  }

  /// Dollars of every attempt.
  package var cost: Double { attempts.reduce(0) { $0 + $1.cost } }
  /// Tokens of every attempt.
  package var tokens: Int { attempts.reduce(0) { $0 + $1.tokens } }
  /// The attempts that sent a request to a model.
  package var calls: Int { attempts.filter(\.sentRequest).count }
}
