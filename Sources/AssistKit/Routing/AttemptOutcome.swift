package import FoundationEssentials

/// How one sub-task fared on one tier, after its reflections: the unit of routing history.
package struct AttemptOutcome: Sendable, Equatable, Codable {
  /// The run.
  package var runID: String
  /// The sub-task within the run.
  package var subtaskID: String
  /// The sub-task's kind.
  package var kind: String
  /// The tier it ran on.
  package var tier: String
  /// The edit format asked for, if any.
  package var editFormat: String?
  /// The change's action (`fix`, `feature`, …) when the plan states one: history is keyed by it
  /// before the sub-task kind.
  package var work: String?
  /// The scope's size bucket (``RoutingPolicy/HistoryRule/sizeBucket(lines:)``), if known.
  package var sizeBucket: String?
  /// Whether the edit passed the gate (applies, identifiers exist, syntax).
  package var gatePassed: Bool
  /// Whether the repository's tests passed; `nil` when not run.
  package var verifyPassed: Bool?
  /// Whether the sub-task escalated past this tier.
  package var escalated: Bool
  /// Reflections used on this tier.
  package var reflections: Int
  /// Dollars this attempt cost (billed to the sub-task).
  package var cost: Double
  /// When it finished.
  package var at: Date

  /// Creates an outcome.
  package init(
    runID: String, subtaskID: String, kind: String, tier: String, editFormat: String? = nil,
    work: String? = nil, sizeBucket: String? = nil, gatePassed: Bool, verifyPassed: Bool? = nil,
    escalated: Bool = false, reflections: Int = 0,
    cost: Double = 0, at: Date = Date()
  ) {
    self.runID = runID
    self.subtaskID = subtaskID
    self.kind = kind
    self.tier = tier
    self.editFormat = editFormat
    self.work = work
    self.sizeBucket = sizeBucket
    self.gatePassed = gatePassed
    self.verifyPassed = verifyPassed
    self.escalated = escalated
    self.reflections = reflections
    self.cost = cost
    self.at = at
  }

  /// Passed the gate and did not fail the tests.
  package var succeeded: Bool { gatePassed && verifyPassed != false }
}
