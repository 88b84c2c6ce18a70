/// What `assist show` needs beyond the run's totals and proposal: the plan, and every sub-task's
/// attempts (tiers tried, escalations, reflections) with how each ended.
package struct RunDetail: Sendable, Equatable, Codable {
  /// One sub-task's outcome and attempts.
  package struct SubtaskRecord: Sendable, Equatable, Codable {
    /// The sub-task id.
    package var id: String
    /// The agent that ran it.
    package var agent: String
    /// `accepted`, `findings`, `failed`, `paused`.
    package var status: String
    /// The tier whose output was used.
    package var tier: String?
    /// The model whose output was used.
    package var model: String?
    /// Every call, in order (an attempt on a new tier is an escalation).
    package var attempts: [Attempt]
    /// Why it failed or paused, or the verification summary.
    package var detail: String

    /// Creates a record.
    package init(
      id: String, agent: String, status: String, tier: String?, model: String?,
      attempts: [Attempt], detail: String
    ) {
      self.id = id
      self.agent = agent
      self.status = status
      self.tier = tier
      self.model = model
      self.attempts = attempts
      self.detail = detail
    }

    /// The tiers tried after the first, in order.
    package var escalations: [String] {
      var tiers: [String] = []
      for attempt in attempts where tiers.last != attempt.tier { tiers.append(attempt.tier) }
      return Array(tiers.dropFirst())
    }

    /// Dollars of every attempt.
    package var cost: Double { attempts.reduce(0) { $0 + $1.cost } }
  }

  /// The run.
  package var runID: String
  /// The plan, if the run got that far.
  package var plan: Plan?
  /// The sub-tasks' outcomes, in the order they finished.
  package var subtasks: [SubtaskRecord]
  /// The places localization chose for the task, best first (absent in older runs).
  package var places: [Place]?

  /// Creates a detail record.
  package init(runID: String, plan: Plan?, subtasks: [SubtaskRecord] = []) {
    self.runID = runID
    self.plan = plan
    self.subtasks = subtasks
  }

  /// Creates a detail record from the coordinator's results.
  /// - Parameters:
  ///   - runID: The run.
  ///   - plan: The plan.
  ///   - results: Every sub-task's result.
  package init(runID: String, plan: Plan?, results: [SubtaskResult]) {
    self.init(
      runID: runID, plan: plan,
      subtasks: results.map {
        SubtaskRecord(
          id: $0.subtask.id, agent: $0.agent, status: $0.status.rawValue, tier: $0.tier,
          model: $0.model, attempts: $0.attempts, detail: $0.detail)
      })
  }
}
