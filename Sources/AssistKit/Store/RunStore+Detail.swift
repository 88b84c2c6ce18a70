internal import Foundation
internal import GRDB

extension RunStore {
  /// Saves (replacing) a run's plan and sub-task attempts, for `assist show`.
  /// - Parameter detail: The detail record.
  /// - Throws: The database's errors (the run must exist).
  package func save(detail: RunDetail) throws {
    let json = String(decoding: try JSONEncoder().encode(detail), as: UTF8.self)
    try store.pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO run_detail (run_id, json, updated_at) VALUES (?, ?, ?)
          ON CONFLICT(run_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at
          """,
        arguments: [detail.runID, json, Date().timeIntervalSince1970])
    }
  }

  /// The plan and attempts saved for run `runID`, if any.
  /// - Parameter runID: The run.
  /// - Returns: The detail record.
  /// - Throws: The database's or the decoder's errors.
  package func detail(_ runID: String) throws -> RunDetail? {
    let json = try store.pool.read { db in
      try String.fetchOne(
        db, sql: "SELECT json FROM run_detail WHERE run_id = ?", arguments: [runID])
    }
    guard let json else { return nil }
    return try JSONDecoder().decode(RunDetail.self, from: Data(json.utf8))
  }
}
