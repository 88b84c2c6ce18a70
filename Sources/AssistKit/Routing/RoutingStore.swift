package import FoundationEssentials
internal import GRDB

/// Routing's tables in the store: every decision with its inputs and reasons, and the attempt
/// outcomes the router's history is measured from.
package struct RoutingStore: Sendable {
  /// A decision as stored.
  package struct StoredDecision: Sendable, Equatable {
    /// The run.
    package var runID: String
    /// The sub-task.
    package var subtaskID: String
    /// When it was made.
    package var at: Date
    /// The router's inputs.
    package var request: RoutingRequest
    /// The decision.
    package var decision: RoutingDecision
  }

  /// The store.
  package let store: Store

  /// Wraps `store`.
  package init(store: Store) {
    self.store = store
  }

  /// Stores a decision with its inputs.
  /// - Throws: Store or encoding errors.
  package func save(
    _ decision: RoutingDecision, request: RoutingRequest, runID: String, subtaskID: String,
    at: Date = Date()
  ) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let requestJSON = String(decoding: try encoder.encode(request), as: UTF8.self)
    let decisionJSON = String(decoding: try encoder.encode(decision), as: UTF8.self)
    try store.pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO routing_decision (run_id, subtask_id, created_at, kind, tier, cloud_absent,
            request_json, decision_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          runID, subtaskID, at.timeIntervalSince1970, request.kind, decision.tier,
          decision.cloudAbsent, requestJSON, decisionJSON,
        ])
    }
  }

  /// The decisions of a run, oldest first (`assist show ID`).
  /// - Throws: Store or decoding errors.
  package func decisions(runID: String) throws -> [StoredDecision] {
    let rows = try store.pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT run_id, subtask_id, created_at, request_json, decision_json
          FROM routing_decision WHERE run_id = ? ORDER BY id
          """, arguments: [runID])
    }
    let decoder = JSONDecoder()
    return try rows.map { row in
      let request: String = row[3]
      let decision: String = row[4]
      return StoredDecision(
        runID: row[0], subtaskID: row[1], at: Date(timeIntervalSince1970: row[2]),
        request: try decoder.decode(RoutingRequest.self, from: Data(request.utf8)),
        decision: try decoder.decode(RoutingDecision.self, from: Data(decision.utf8)))
    }
  }

  /// Records how a sub-task fared on a tier.
  /// - Throws: Store errors.
  package func record(attempt outcome: AttemptOutcome) throws {
    try store.pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO attempt_history (run_id, subtask_id, kind, tier, edit_format, gate_passed,
            verify_passed, escalated, reflections, cost_usd, created_at, work, size_bucket)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          outcome.runID, outcome.subtaskID, outcome.kind, outcome.tier, outcome.editFormat,
          outcome.gatePassed, outcome.verifyPassed, outcome.escalated, outcome.reflections,
          outcome.cost, outcome.at.timeIntervalSince1970, outcome.work, outcome.sizeBucket,
        ])
    }
  }

  /// The measured history: the last `window` attempts per (kind, tier) and (format, tier).
  /// - Throws: Store errors.
  package func history(window: Int) throws -> RoutingHistory {
    // The newest `window` rows per (kind, tier) and per (format, tier), oldest first.
    let rows = try store.pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT run_id, subtask_id, kind, tier, edit_format, gate_passed, verify_passed,
                 escalated, reflections, cost_usd, created_at, work, size_bucket
          FROM (SELECT *,
                  ROW_NUMBER() OVER (PARTITION BY kind, tier ORDER BY id DESC) AS by_kind,
                  ROW_NUMBER() OVER (PARTITION BY edit_format, tier ORDER BY id DESC) AS by_format
                FROM attempt_history)
          WHERE by_kind <= ? OR (edit_format IS NOT NULL AND by_format <= ?)
          ORDER BY id
          """, arguments: [window, window])
    }
    var history = RoutingHistory(window: window)
    for row in rows {
      history.record(
        attempt: AttemptOutcome(
          runID: row[0], subtaskID: row[1], kind: row[2], tier: row[3], editFormat: row[4],
          work: row[11], sizeBucket: row[12], gatePassed: row[5], verifyPassed: row[6],
          escalated: row[7], reflections: row[8],
          cost: row[9], at: Date(timeIntervalSince1970: row[10])))
    }
    return history
  }
}
