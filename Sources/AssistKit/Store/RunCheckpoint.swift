internal import Foundation
internal import GRDB

/// What a run needs to continue after a pause or an interruption: its options, its plan and
/// the sub-tasks already finished (their results are reused, never re-run or re-billed).
package struct RunCheckpoint: Sendable, Codable, Equatable {
  /// The options the run was started with.
  package var options: TaskOptions
  /// The plan.
  package var plan: Plan
  /// The planner's calls.
  package var plannerAttempts: [Attempt]
  /// Finished sub-tasks (accepted, findings or failed); paused ones are run again.
  package var finished: [SubtaskResult]
  /// The commit the run works from.
  package var baseCommit: String

  /// Creates a checkpoint.
  package init(
    options: TaskOptions, plan: Plan, plannerAttempts: [Attempt], finished: [SubtaskResult],
    baseCommit: String
  ) {
    self.options = options
    self.plan = plan
    self.plannerAttempts = plannerAttempts
    self.finished = finished
    self.baseCommit = baseCommit
  }
}

extension RunStore {
  /// Saves a run's checkpoint (in its `detail_json`).
  package func save(checkpoint: RunCheckpoint, runID: String) throws {
    let json = String(decoding: try JSONEncoder().encode(checkpoint), as: UTF8.self)
    try store.pool.write { db in
      try db.execute(sql: "UPDATE run SET detail_json = ? WHERE id = ?", arguments: [json, runID])
    }
  }

  /// A run's checkpoint, if it saved one.
  package func checkpoint(_ runID: String) throws -> RunCheckpoint? {
    let json = try store.pool.read { db in
      try String.fetchOne(db, sql: "SELECT detail_json FROM run WHERE id = ?", arguments: [runID])
    }
    guard let json, json != "{}" else { return nil }
    return try JSONDecoder().decode(RunCheckpoint.self, from: Data(json.utf8))
  }
}
