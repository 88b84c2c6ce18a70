package import FoundationEssentials
internal import GRDB

/// Spend and savings from the ledger's settled calls, grouped for `assist cost` and run reports.
package struct CostReport: Sendable, Equatable, Codable {
  /// Totals for one group of calls.
  package struct Line: Sendable, Equatable, Codable {
    /// The group's key (a day, a tier, an agent, a sub-task).
    package var key: String
    /// Settled calls.
    package var calls: Int
    /// Input, output and cached tokens.
    package var inputTokens, outputTokens, cachedTokens: Int
    /// Dollars spent.
    package var actual: Double
    /// Dollars the same tokens would have cost on the counterfactual cloud tier.
    package var counterfactual: Double

    /// Counterfactual minus actual.
    package var savings: Double { counterfactual - actual }
  }

  /// The earliest call included, if limited.
  package var since: Date?
  /// Every included call together.
  package var total: Line
  /// Per UTC day, oldest first.
  package var byDay: [Line]
  /// Per tier, by name.
  package var byTier: [Line]
  /// Per agent, by name (`-` for calls without one).
  package var byAgent: [Line]

  /// Summarises settled calls since `since` (all when `nil`).
  /// - Throws: Store errors.
  package static func load(store: Store, since: Date? = nil) throws -> CostReport {
    let start = since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude
    return try store.pool.read { db in
      func lines(_ key: String) throws -> [Line] {
        try Row.fetchAll(
          db,
          sql: """
            SELECT COALESCE(\(key), '-') AS k, COUNT(*), COALESCE(SUM(input_tokens), 0),
                   COALESCE(SUM(output_tokens), 0), COALESCE(SUM(cached_tokens), 0),
                   COALESCE(SUM(actual_usd), 0), COALESCE(SUM(counterfactual_usd), 0)
            FROM ledger WHERE state = 'settled' AND created_at >= ?
            GROUP BY k ORDER BY k
            """, arguments: [start]
        ).map { row in
          Line(
            key: row[0], calls: row[1], inputTokens: row[2], outputTokens: row[3],
            cachedTokens: row[4], actual: row[5], counterfactual: row[6])
        }
      }
      let total =
        try lines("'total'").first
        ?? Line(
          key: "total", calls: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, actual: 0,
          counterfactual: 0)
      return CostReport(
        since: since, total: total, byDay: try lines("day"), byTier: try lines("tier"),
        byAgent: try lines("agent"))
    }
  }

  /// One run's settled calls per sub-task (`-` for calls outside any) and per tier.
  /// - Throws: Store errors.
  package static func run(
    _ runID: String, store: Store
  ) throws -> (bySubtask: [Line], byTier: [Line]) {
    try store.pool.read { db in
      func lines(_ key: String) throws -> [Line] {
        try Row.fetchAll(
          db,
          sql: """
            SELECT COALESCE(\(key), '-') AS k, COUNT(*), COALESCE(SUM(input_tokens), 0),
                   COALESCE(SUM(output_tokens), 0), COALESCE(SUM(cached_tokens), 0),
                   COALESCE(SUM(actual_usd), 0), COALESCE(SUM(counterfactual_usd), 0)
            FROM ledger WHERE state = 'settled' AND run_id = ?
            GROUP BY k ORDER BY k
            """, arguments: [runID]
        ).map { row in
          Line(
            key: row[0], calls: row[1], inputTokens: row[2], outputTokens: row[3],
            cachedTokens: row[4], actual: row[5], counterfactual: row[6])
        }
      }
      return (try lines("subtask_id"), try lines("tier"))
    }
  }
}
