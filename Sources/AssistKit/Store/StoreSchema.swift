internal import GRDB

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
    // v2 was left for routing; it is registered after v3 because v3 shipped first.
    Migration(identifier: "v2-routing-ledger", apply: StoreSchema.routingAndLedger),
    Migration(identifier: "v4-run-detail") { db in
      // The plan and per-sub-task attempts of a run, for `assist show`.
      try db.create(table: "run_detail") { t in
        t.primaryKey("run_id", .text).references("run", onDelete: .cascade)
        t.column("json", .text).notNull()
        t.column("updated_at", .double).notNull()
      }
    },
    Migration(identifier: "v5-attempt-history-work-size") { db in
      // Routing evidence is keyed by the change's action and the scope's size bucket too.
      try db.alter(table: "attempt_history") { t in
        t.add(column: "work", .text)
        t.add(column: "size_bucket", .text)
      }
    },
    Migration(identifier: "v6-run-owner") { db in
      // The process running a run, so a later start can tell a killed run from a live one.
      try db.alter(table: "run") { t in
        t.add(column: "owner_pid", .integer)
        t.add(column: "owner_started", .integer)
      }
    },
    Migration(identifier: "v7-index-definitions") { db in
      // The repository index's definitions per blob (Context/): a blob is indexed once per
      // indexer version, whatever repository or path it appears under.
      try db.create(table: "index_definitions") { t in
        t.column("blob", .text).notNull()
        t.column("indexer", .text).notNull()
        t.column("json", .text).notNull()
        t.primaryKey(["blob", "indexer"])
      }
    },
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

  /// The budget ledger, routing decisions and attempt outcomes (Routing/).
  static func routingAndLedger(_ db: Database) throws {
    // Budget ledger: one row per model call, reserved before and settled after it. Spend
    // under a cap = settled actual_usd + reserved_usd of rows still 'reserved'.
    try db.create(table: "ledger") { t in
      t.autoIncrementedPrimaryKey("id")
      t.column("run_id", .text).notNull()
      t.column("subtask_id", .text)
      t.column("agent", .text)
      t.column("kind", .text)
      t.column("tier", .text).notNull()
      t.column("state", .text).notNull()  // reserved | settled | released | expired
      t.column("reserved_usd", .double).notNull()
      t.column("actual_usd", .double)
      t.column("counterfactual_usd", .double)
      t.column("input_tokens", .integer)
      t.column("output_tokens", .integer)
      t.column("cached_tokens", .integer)
      t.column("day", .text).notNull()  // UTC yyyy-mm-dd of the reservation
      t.column("month", .text).notNull()  // UTC yyyy-mm
      t.column("created_at", .double).notNull()
      t.column("settled_at", .double)
      t.column("pid", .integer).notNull()
      t.column("host", .text).notNull()
    }
    try db.create(index: "ledger_month", on: "ledger", columns: ["month", "day"])
    try db.create(index: "ledger_run", on: "ledger", columns: ["run_id"])
    try db.create(index: "ledger_state", on: "ledger", columns: ["state"])
    // Every routing decision with its inputs and reasons (`assist show ID`).
    try db.create(table: "routing_decision") { t in
      t.autoIncrementedPrimaryKey("id")
      t.column("run_id", .text).notNull()
      t.column("subtask_id", .text).notNull()
      t.column("created_at", .double).notNull()
      t.column("kind", .text).notNull()
      t.column("tier", .text)
      t.column("cloud_absent", .boolean).notNull()
      t.column("request_json", .text).notNull()
      t.column("decision_json", .text).notNull()
    }
    try db.create(index: "routing_decision_run", on: "routing_decision", columns: ["run_id"])
    // Outcomes per (kind, tier) and (edit format, tier): the router's measured history.
    try db.create(table: "attempt_history") { t in
      t.autoIncrementedPrimaryKey("id")
      t.column("run_id", .text).notNull()
      t.column("subtask_id", .text).notNull()
      t.column("kind", .text).notNull()
      t.column("tier", .text).notNull()
      t.column("edit_format", .text)
      t.column("gate_passed", .boolean).notNull()
      t.column("verify_passed", .boolean)
      t.column("escalated", .boolean).notNull()
      t.column("reflections", .integer).notNull()
      t.column("cost_usd", .double).notNull()
      t.column("created_at", .double).notNull()
    }
    try db.create(index: "attempt_kind_tier", on: "attempt_history", columns: ["kind", "tier"])
  }
}
