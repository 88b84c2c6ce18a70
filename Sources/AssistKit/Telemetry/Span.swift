/// One timed step of a run, stored for `assist stats` and `assist trace`.
package struct Span: Sendable, Equatable, Codable {
  /// What kind of step.
  package enum Name: String, Sendable, Codable, CaseIterable {
    case run, plan, route, call, parse, gate, verify, reflection, escalation, reconcile, arbiter,
      apply
    case humanWait = "human-wait"
    case subtask
  }

  /// How a model call's tokens count (DESIGN.md "Measuring overhead").
  package enum Classification: String, Sendable, Codable {
    /// The call's output became an accepted change or finding.
    case work
    /// Planner, arbiter, reflections, retries, rejected attempts, re-sent context.
    case coordination
    /// Not a model call.
    case none
  }

  /// Unique within the run.
  package var id: Int
  /// The enclosing span, if any.
  package var parent: Int?
  /// The step.
  package var name: Name
  /// The sub-task, if the step belongs to one.
  package var subtask: String?
  /// The tier, for model calls.
  package var tier: String?
  /// The endpoint slot track for model calls (`http://…#0`).
  package var track: String?
  /// Seconds from the run's start.
  package var start: Double
  /// Seconds from the run's start.
  package var end: Double
  /// Input tokens (uncached).
  package var inputTokens: Int
  /// Output tokens.
  package var outputTokens: Int
  /// Cached input tokens.
  package var cachedTokens: Int
  /// Dollars.
  package var cost: Double
  /// Time to first token, for model calls.
  package var timeToFirstToken: Double?
  /// Time waiting for an endpoint slot, for model calls.
  package var queueWait: Double?
  /// Work or coordination, for model calls.
  package var classification: Classification
  /// Free-form details (outcome, reason).
  package var attributes: [String: String]

  /// Creates a span.
  package init(
    id: Int, parent: Int? = nil, name: Name, subtask: String? = nil, tier: String? = nil,
    track: String? = nil, start: Double, end: Double, inputTokens: Int = 0, outputTokens: Int = 0,
    cachedTokens: Int = 0, cost: Double = 0, timeToFirstToken: Double? = nil,
    queueWait: Double? = nil,
    classification: Classification = .none, attributes: [String: String] = [:]
  ) {
    self.id = id
    self.parent = parent
    self.name = name
    self.subtask = subtask
    self.tier = tier
    self.track = track
    self.start = start
    self.end = end
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
    self.cachedTokens = cachedTokens
    self.cost = cost
    self.timeToFirstToken = timeToFirstToken
    self.queueWait = queueWait
    self.classification = classification
    self.attributes = attributes
  }

  /// Seconds.
  package var duration: Double { end - start }
  /// Input + cached + output tokens.
  package var tokens: Int { inputTokens + cachedTokens + outputTokens }
}
