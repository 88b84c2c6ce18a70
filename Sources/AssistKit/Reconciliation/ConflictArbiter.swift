/// One side of a conflict as the arbiter sees it.
package struct ArbiterSide: Sendable, Equatable {
  /// The sub-task.
  package var subtask: String
  /// The agent.
  package var agent: String
  /// The side's version of each file in the conflict (`nil` deletes it).
  package var files: [String: String?]
  /// What the side assumed.
  package var assumptions: [String: String]
  /// The repository's tests on the whole candidate with this side, when a test command exists.
  package var tests: String?

  /// Creates a side.
  package init(
    subtask: String, agent: String, files: [String: String?], assumptions: [String: String],
    tests: String? = nil
  ) {
    self.subtask = subtask
    self.agent = agent
    self.files = files
    self.assumptions = assumptions
    self.tests = tests
  }
}

/// A conflict no rule settles, put to the arbiter.
package struct ArbiterCase: Sendable, Equatable {
  /// Stable key of the conflict within the run.
  package var id: String
  /// `textual`, `semantic`, `interpretive`.
  package var kind: String
  /// The task text.
  package var task: String
  /// What was found.
  package var detail: String
  /// The files as both sides found them.
  package var original: [String: String?]
  /// The two sides, earlier first.
  package var sides: [ArbiterSide]

  /// Creates a case.
  package init(
    id: String, kind: String, task: String, detail: String, original: [String: String?],
    sides: [ArbiterSide]
  ) {
    self.id = id
    self.kind = kind
    self.task = task
    self.detail = detail
    self.original = original
    self.sides = sides
  }

  /// The files in the case, sorted.
  package var files: [String] { original.keys.sorted() }
}

/// What the arbiter decided, and what deciding cost.
package struct ArbiterVerdict: Sendable, Equatable {
  /// The settled content of every file of the case, or `nil` when the arbiter could not settle it.
  package var files: [String: String?]?
  /// The arbiter's one-line decision or why it failed.
  package var decision: String
  /// The tier that answered.
  package var tier: String
  /// Tokens of the arbiter's calls.
  package var tokens: Int
  /// Dollars of the arbiter's calls.
  package var cost: Double
  /// Seconds the arbiter took.
  package var seconds: Double

  /// Creates a verdict.
  package init(
    files: [String: String?]?, decision: String, tier: String = "-", tokens: Int = 0,
    cost: Double = 0, seconds: Double = 0
  ) {
    self.files = files
    self.decision = decision
    self.tier = tier
    self.tokens = tokens
    self.cost = cost
    self.seconds = seconds
  }
}

/// Settles a conflict that no rule settles (a model on a stronger tier, or a test double).
package protocol ConflictArbiter: Sendable {
  /// Decides `conflict`; a verdict without files leaves it for the human.
  func arbitrate(_ conflict: ArbiterCase) async -> ArbiterVerdict
}
