package import GRDB

/// The store's migrations, one entry per schema change.
enum StoreSchema {
  struct Migration: Sendable {
    let identifier: String
    let apply: @Sendable (Database) throws -> Void
  }

  static let migrations: [Migration] = [
    Migration(identifier: "v1-runs") { db in
      try db.create(table: "run") { t in
        t.primaryKey("id", .text)
        t.column("created_at", .double).notNull()
        t.column("repository", .text).notNull()
        t.column("command", .text).notNull()
        t.column("task", .text).notNull().defaults(to: "")
        t.column("status", .text).notNull()
        t.column("detail_json", .text).notNull().defaults(to: "{}")
      }
      try db.create(index: "run_created", on: "run", columns: ["created_at"])
    },
    Migration(identifier: "v3-proposals-spans", apply: StoreSchema.proposalsAndSpans),
  ]

  /// Run totals for `assist log`, proposals for review, spans for stats and traces.
  static func proposalsAndSpans(_ db: Database) throws {
    try db.alter(table: "run") { t in
      t.add(column: "cost", .double).notNull().defaults(to: 0)
      t.add(column: "counterfactual_cost", .double).notNull().defaults(to: 0)
      t.add(column: "overhead_ratio", .double).notNull().defaults(to: 0)
      t.add(column: "files", .integer).notNull().defaults(to: 0)
      t.add(column: "tokens", .integer).notNull().defaults(to: 0)
      t.add(column: "detail", .text).notNull().defaults(to: "")
    }
    try db.create(index: "run_repository", on: "run", columns: ["repository", "created_at"])
    try db.create(table: "proposal") { t in
      t.primaryKey("run_id", .text).references("run", onDelete: .cascade)
      t.column("json", .text).notNull()
      t.column("updated_at", .double).notNull()
    }
    try db.create(table: "span") { t in
      t.column("run_id", .text).notNull().references("run", onDelete: .cascade)
      t.column("id", .integer).notNull()
      t.column("name", .text).notNull()
      t.column("subtask", .text)
      t.column("tier", .text)
      t.column("start", .double).notNull()
      t.column("finish", .double).notNull()
      t.column("json", .text).notNull()
      t.primaryKey(["run_id", "id"])
    }
  }
}
