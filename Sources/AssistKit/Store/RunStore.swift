internal import Foundation
internal import GRDB

/// Runs, proposals and spans in the store.
package struct RunStore: Sendable {
  /// The database.
  package let store: Store

  /// Wraps `store`.
  package init(_ store: Store) { self.store = store }

  /// Inserts a run's row, or updates its status and totals (an upsert: `INSERT OR REPLACE`
  /// would delete the row first and cascade to its proposal and spans).
  package func save(_ run: RunRecord) throws {
    try store.pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO run
            (id, created_at, repository, command, task, status, detail_json,
             cost, counterfactual_cost, overhead_ratio, files, tokens, detail,
             owner_pid, owner_started)
          VALUES (?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT(id) DO UPDATE SET
            status = excluded.status, cost = excluded.cost,
            owner_pid = excluded.owner_pid, owner_started = excluded.owner_started,
            counterfactual_cost = excluded.counterfactual_cost,
            overhead_ratio = excluded.overhead_ratio, files = excluded.files,
            tokens = excluded.tokens, detail = excluded.detail
          """,
        arguments: [
          run.id, run.createdAt, run.repository, run.command, run.task, run.status.rawValue,
          run.cost, run.counterfactualCost, run.overheadRatio, run.files, run.tokens, run.detail,
          run.owner.map { Int64($0.pid) }, run.owner.map { Int64(bitPattern: $0.started) },
        ])
    }
  }

  /// The run with `id`, or the only run whose id starts with it.
  /// - Throws: ``StoreError/notFound(_:)`` for no match or an ambiguous prefix.
  package func run(_ id: String) throws -> RunRecord {
    let rows = try store.pool.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM run WHERE id = ? OR id LIKE ? ORDER BY id = ? DESC LIMIT 2",
        arguments: [id, id + "%", id])
    }
    guard let first = rows.first else { throw StoreError.notFound("run \(id)") }
    if rows.count > 1, (first["id"] as String) != id {
      throw StoreError.notFound("a unique run for '\(id)' (the prefix is ambiguous)")
    }
    return Self.record(first)
  }

  /// Runs, newest first.
  /// - Parameters:
  ///   - limit: At most this many.
  ///   - repository: Only runs in this work tree.
  ///   - status: Only runs in this state.
  package func runs(limit: Int = 20, repository: String? = nil, status: RunRecord.Status? = nil)
    throws
    -> [RunRecord]
  {
    var sql = "SELECT * FROM run"
    var conditions: [String] = []
    var arguments: StatementArguments = []
    if let repository {
      conditions.append("repository = ?")
      arguments += [repository]
    }
    if let status {
      conditions.append("status = ?")
      arguments += [status.rawValue]
    }
    if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
    sql += " ORDER BY created_at DESC LIMIT ?"
    arguments += [limit]
    return try store.pool.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments) }.map(
      Self.record)
  }

  /// Saves (replacing) a run's proposal.
  package func save(_ proposal: Proposal) throws {
    let json = String(decoding: try JSONEncoder().encode(proposal), as: UTF8.self)
    try store.pool.write { db in
      try db.execute(
        sql: "INSERT OR REPLACE INTO proposal (run_id, json, updated_at) VALUES (?, ?, ?)",
        arguments: [proposal.runID, json, Date().timeIntervalSince1970])
    }
  }

  /// The proposal of run `id`, if it has one.
  package func proposal(_ runID: String) throws -> Proposal? {
    let json = try store.pool.read { db in
      try String.fetchOne(db, sql: "SELECT json FROM proposal WHERE run_id = ?", arguments: [runID])
    }
    guard let json else { return nil }
    return try JSONDecoder().decode(Proposal.self, from: Data(json.utf8))
  }

  /// Replaces a run's spans.
  package func save(spans: [Span], runID: String) throws {
    let encoder = JSONEncoder()
    try store.pool.write { db in
      try db.execute(sql: "DELETE FROM span WHERE run_id = ?", arguments: [runID])
      for span in spans {
        try db.execute(
          sql:
            "INSERT INTO span (run_id, id, name, subtask, tier, start, finish, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          arguments: [
            runID, span.id, span.name.rawValue, span.subtask, span.tier, span.start, span.end,
            String(decoding: try encoder.encode(span), as: UTF8.self),
          ])
      }
    }
  }

  /// A run's spans in id order.
  package func spans(_ runID: String) throws -> [Span] {
    let rows = try store.pool.read { db in
      try String.fetchAll(
        db, sql: "SELECT json FROM span WHERE run_id = ? ORDER BY id", arguments: [runID])
    }
    let decoder = JSONDecoder()
    return try rows.map { try decoder.decode(Span.self, from: Data($0.utf8)) }
  }

  private static func record(_ row: Row) -> RunRecord {
    var record = RunRecord(
      id: row["id"], createdAt: row["created_at"], repository: row["repository"],
      command: row["command"],
      task: row["task"], status: RunRecord.Status(rawValue: row["status"]) ?? .failed,
      cost: row["cost"] ?? 0, counterfactualCost: row["counterfactual_cost"] ?? 0,
      overheadRatio: row["overhead_ratio"] ?? 0, files: row["files"] ?? 0,
      tokens: row["tokens"] ?? 0,
      detail: row["detail"] ?? "")
    if let pid: Int64 = row["owner_pid"] {
      let started: Int64 = row["owner_started"] ?? 0
      record.owner = RunOwner(pid: Int32(pid), started: UInt64(bitPattern: started))
    }
    return record
  }

  /// Marks `running` runs whose owner process is gone as ``RunRecord/Status/interrupted``.
  ///
  /// Called when assist starts a run and before `assist log` lists them; runs recorded without
  /// an owner are left as they are (nothing says whether they still run).
  /// - Returns: The ids marked.
  @discardableResult
  package func markInterrupted() throws -> [String] {
    let running = try runs(limit: 1000, status: .running).filter {
      guard let owner = $0.owner else { return false }
      return !owner.isAlive
    }
    for var run in running {
      run.detail =
        "interrupted: process \(run.owner?.pid ?? 0) ended without finishing; `assist resume \(run.id)` continues it"
      run.status = .interrupted
      run.owner = nil
      try save(run)
    }
    return running.map(\.id)
  }
}
