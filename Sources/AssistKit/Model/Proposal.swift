/// What a run proposes: a canonical diff whose every hunk says who wrote it and what it cost,
/// plus the findings and assumptions the sub-agents handed back.
package struct Proposal: Sendable, Equatable, Codable {
  /// The run.
  package var runID: String
  /// The task text.
  package var task: String
  /// The commit every sub-agent worked from.
  package var baseCommit: String
  /// The hunks, in file then line order.
  package var hunks: [ProposalHunk]
  /// Analysis results and other hand-back text.
  package var findings: [Finding]
  /// Sub-task id → its stated assumptions (key → value), for the reconciler and the reviewer.
  package var assumptions: [String: [String: String]]
  /// Conflicts found between sub-agents' outputs and how each was settled.
  package var conflicts: [ProposalConflict]
  /// Verification results: which command ran, before and after.
  package var verification: VerificationSummary?

  /// Creates a proposal.
  package init(
    runID: String, task: String, baseCommit: String, hunks: [ProposalHunk] = [],
    findings: [Finding] = [], assumptions: [String: [String: String]] = [:],
    conflicts: [ProposalConflict] = [], verification: VerificationSummary? = nil
  ) {
    self.runID = runID
    self.task = task
    self.baseCommit = baseCommit
    self.hunks = hunks
    self.findings = findings
    self.assumptions = assumptions
    self.conflicts = conflicts
    self.verification = verification
  }

  /// The files the proposal changes.
  package var files: [String] { Array(Set(hunks.map(\.path))).sorted() }
}

/// One hunk of a proposal with its provenance and the reviewer's decision.
package struct ProposalHunk: Sendable, Equatable, Codable {
  /// The reviewer's decision.
  package enum Decision: String, Sendable, Codable {
    /// Not reviewed yet.
    case pending
    /// Accepted.
    case accepted
    /// Rejected.
    case rejected
  }

  /// Index within the proposal.
  package var index: Int
  /// The file.
  package var path: String
  /// A complete one-hunk canonical diff (`diff --git` header, `@@` line, body), applicable alone.
  package var diff: String
  /// Who wrote it.
  package var provenance: Provenance
  /// Gate or conflict notes attached for the reviewer.
  package var notes: [String]
  /// The reviewer's decision.
  package var decision: Decision

  /// Creates a hunk.
  package init(
    index: Int, path: String, diff: String, provenance: Provenance, notes: [String] = [],
    decision: Decision = .pending
  ) {
    self.index = index
    self.path = path
    self.diff = diff
    self.provenance = provenance
    self.notes = notes
    self.decision = decision
  }
}

/// Who produced a piece of a proposal, on which model, at what cost.
package struct Provenance: Sendable, Equatable, Codable, Hashable {
  /// The sub-task.
  package var subtask: String
  /// The agent's name.
  package var agent: String
  /// The tier that produced the accepted attempt.
  package var tier: String
  /// The model id.
  package var model: String
  /// Tokens of every attempt of the sub-task (input + output), escalations included.
  package var tokens: Int
  /// Dollars of every attempt of the sub-task.
  package var cost: Double

  /// Creates provenance.
  package init(
    subtask: String, agent: String, tier: String, model: String, tokens: Int, cost: Double
  ) {
    self.subtask = subtask
    self.agent = agent
    self.tier = tier
    self.model = model
    self.tokens = tokens
    self.cost = cost
  }
}

/// A piece of text an agent handed back (an analysis finding, a rationale).
package struct Finding: Sendable, Equatable, Codable {
  /// Who found it.
  package var provenance: Provenance
  /// The text.
  package var text: String

  /// Creates a finding.
  package init(provenance: Provenance, text: String) {
    self.provenance = provenance
    self.text = text
  }
}

/// A disagreement between sub-agents and its resolution.
package struct ProposalConflict: Sendable, Equatable, Codable {
  /// `textual`, `stale-base`, `semantic`, `interpretive`.
  package var kind: String
  /// Files involved.
  package var files: [String]
  /// Sub-tasks involved.
  package var subtasks: [String]
  /// `merged`, `settled: <rule>`, `arbitrated`, `left for the human`.
  package var resolution: String
  /// Details for the reviewer (both sides when it is left for the human).
  package var detail: String
  /// `path:first-last` ranges involved (base lines), when known.
  package var lines: [String]
  /// The agents involved, in the order of ``subtasks``.
  package var agents: [String]
  /// Tokens the arbiter spent on it.
  package var arbiterTokens: Int
  /// Dollars the arbiter spent on it.
  package var arbiterCost: Double
  /// Seconds spent settling it (the arbiter's call; rules take no measurable time).
  package var seconds: Double

  /// Creates a conflict record.
  package init(
    kind: String, files: [String], subtasks: [String], resolution: String, detail: String,
    lines: [String] = [], agents: [String] = [], arbiterTokens: Int = 0, arbiterCost: Double = 0,
    seconds: Double = 0
  ) {
    self.kind = kind
    self.files = files
    self.subtasks = subtasks
    self.resolution = resolution
    self.detail = detail
    self.lines = lines
    self.agents = agents
    self.arbiterTokens = arbiterTokens
    self.arbiterCost = arbiterCost
    self.seconds = seconds
  }

  private enum CodingKeys: String, CodingKey {
    case kind, files, subtasks, resolution, detail, lines, agents, arbiterTokens, arbiterCost
    case seconds
  }

  /// Decodes a record; proposals stored before lines, agents and arbiter costs were kept decode
  /// with empty values.
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    kind = try c.decode(String.self, forKey: .kind)
    files = try c.decode([String].self, forKey: .files)
    subtasks = try c.decode([String].self, forKey: .subtasks)
    resolution = try c.decode(String.self, forKey: .resolution)
    detail = try c.decode(String.self, forKey: .detail)
    lines = try c.decodeIfPresent([String].self, forKey: .lines) ?? []
    agents = try c.decodeIfPresent([String].self, forKey: .agents) ?? []
    arbiterTokens = try c.decodeIfPresent(Int.self, forKey: .arbiterTokens) ?? 0
    arbiterCost = try c.decodeIfPresent(Double.self, forKey: .arbiterCost) ?? 0
    seconds = try c.decodeIfPresent(Double.self, forKey: .seconds) ?? 0
  }
}

/// Which test command judged the proposal, and how the tests went before and after.
package struct VerificationSummary: Sendable, Equatable, Codable {
  /// The command.
  package var command: String
  /// Why this command (discovery's reason).
  package var reason: String
  /// Before the change: passed?
  package var baselinePassed: Bool
  /// With the change: passed?
  package var candidatePassed: Bool
  /// Tests failing with the change that passed before.
  package var newlyFailing: [String]

  /// Creates a summary.
  package init(
    command: String, reason: String, baselinePassed: Bool, candidatePassed: Bool,
    newlyFailing: [String] = []
  ) {
    self.command = command
    self.reason = reason
    self.baselinePassed = baselinePassed
    self.candidatePassed = candidatePassed
    self.newlyFailing = newlyFailing
  }
}
