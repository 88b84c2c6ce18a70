/// A stored run with what `assist stats` and `assist trace` need: its spans, the agent of each
/// sub-task and the plan's dependencies.
package struct StoredRun: Sendable {
  /// The run's row.
  package var record: RunRecord
  /// Its spans.
  package var spans: [Span]
  /// Sub-task id → agent name (checkpoint first, then the proposal's provenance).
  package var agents: [String: String]
  /// Sub-task id → the ids it depends on.
  package var dependencies: [String: [String]]
  /// The finished sub-tasks' results (from the checkpoint), for the cascade's numbers.
  package var results: [SubtaskResult]

  /// Loads run `id` (or a unique prefix of it).
  /// - Throws: ``StoreError/notFound(_:)``; decoding errors.
  package init(_ id: String, from runs: RunStore) throws {
    record = try runs.run(id)
    spans = try runs.spans(record.id)
    agents = [:]
    dependencies = [:]
    results = []
    if let proposal = try? runs.proposal(record.id) {
      for hunk in proposal.hunks { agents[hunk.provenance.subtask] = hunk.provenance.agent }
      for finding in proposal.findings {
        agents[finding.provenance.subtask] = finding.provenance.agent
      }
    }
    if let checkpoint = try? runs.checkpoint(record.id) {
      for result in checkpoint.finished where result.agent != "-" {
        agents[result.subtask.id] = result.agent
      }
      for subtask in checkpoint.plan.subtasks { dependencies[subtask.id] = subtask.dependsOn }
      results = checkpoint.finished
    }
  }

  /// The run's stats.
  package var stats: RunStats {
    RunStats(
      runID: record.id, spans: spans, agents: agents, dependencies: dependencies,
      results: results)
  }
}
