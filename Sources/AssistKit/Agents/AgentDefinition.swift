/// One agent: front matter (who it is, how it is routed, how it edits) and its system prompt.
///
/// Loaded from `agents/<name>.md`; a repository overrides or adds agents in `.assist/agents/`.
package struct AgentDefinition: Sendable, Equatable, Codable {
  /// What an agent produces.
  package enum Kind: String, Sendable, Codable, CaseIterable {
    /// Plans the task into sub-tasks (the coordinator).
    case planner
    /// Structural changes: new types, caches, interfaces.
    case design
    /// Mechanical changes across call sites: renames, API moves, boilerplate, bug fixes.
    case migration
    /// Reads and reports findings; no edits.
    case analysis
    /// Settles conflicts between other agents' proposals.
    case arbiter
  }

  /// How much of the repository the agent is shown.
  package enum ReadScope: String, Sendable, Codable, CaseIterable {
    /// Only the sub-task's files.
    case files
    /// The sub-task's files and the repository's symbol map.
    case symbols
  }

  /// Unique name (`migration`).
  package var name: String
  /// The kind.
  package var kind: Kind
  /// One line for `assist agents`.
  package var description: String
  /// A tier this agent prefers (routing hint).
  package var preferTier: String?
  /// The cheapest tier this agent may use (routing hint).
  package var minTier: String?
  /// The edit format's registered name, or `auto` to let the router choose per tier and file size.
  package var editFormat: String?
  /// The reply's token limit.
  package var maxTokens: Int
  /// Sampling temperature.
  package var temperature: Double
  /// What the agent sees.
  package var readScope: ReadScope
  /// The system prompt.
  package var systemPrompt: String
  /// The file it was loaded from.
  package var source: String
}
