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
    }
  ]
}
