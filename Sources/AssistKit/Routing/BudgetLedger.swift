package import FoundationEssentials
internal import GRDB
@preconcurrency internal import Glibc

/// The budget ledger in the store: every paid call reserves its worst case first and settles to
/// its actual usage after, so concurrent `assist` processes never overshoot a cap by more than
/// one call's worst case (in fact not at all while providers bill within max_tokens).
///
/// Each reservation checks every cap against settled spend plus outstanding reservations inside
/// one `BEGIN IMMEDIATE` transaction, which SQLite serialises across processes.
package struct BudgetLedger: Sendable {
  /// The store holding the `ledger` table.
  package let store: Store
  /// The caps checked on every reservation.
  package var caps: BudgetCaps
  /// The price the counterfactual all-cloud cost uses (``AssistConfig/counterfactualTier``).
  package var counterfactualPrice: Tier.Price?
  /// Reservations older than this many seconds are expired.
  package var reservationTTL: Double

  /// Creates a ledger over `store`.
  package init(
    store: Store, caps: BudgetCaps, counterfactualPrice: Tier.Price? = nil,
    reservationTTL: Double = 900
  ) {
    self.store = store
    self.caps = caps
    self.counterfactualPrice = counterfactualPrice
    self.reservationTTL = reservationTTL
  }

  /// Reserves `call`'s worst case, or refuses naming the cap it would cross.
  ///
  /// Free tiers are recorded (for cost reports) without any cap check. Stale reservations of dead
  /// processes are expired first, in the same transaction.
  /// - Throws: ``StoreError`` or GRDB errors when the store fails.
  package func reserve(_ call: PlannedCall, now: Date = Date()) throws -> ReserveOutcome {
    let amount = call.worstCase
    var outcome = ReserveOutcome.refused(
      BudgetPause(cap: .day, limit: 0, spent: 0, requested: amount, resetsAt: nil))
    try store.pool.writeWithoutTransaction { db in
      try db.inTransaction(.immediate) {
        if amount > 0 {
          _ = try Self.expireStale(db, now: now, ttl: reservationTTL)
          let state = try Self.state(db, caps: caps, runID: call.runID, now: now)
          if let pause = state.check(cost: amount, tier: call.tier.name) {
            outcome = .refused(pause)
            return .commit
          }
        }
        try db.execute(
          sql: """
            INSERT INTO ledger (run_id, subtask_id, agent, kind, tier, state, reserved_usd, day,
              month, created_at, pid, host)
            VALUES (?, ?, ?, ?, ?, 'reserved', ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            call.runID, call.subtaskID, call.agent, call.kind, call.tier.name, amount,
            UTCCalendar.dayKey(now), UTCCalendar.monthKey(now), now.timeIntervalSince1970,
            Int(getpid()), Self.hostName,
          ])
        outcome = .reserved(
          Reservation(
            id: db.lastInsertedRowID, runID: call.runID, tier: call.tier.name,
            price: call.tier.price, amount: amount, createdAt: now))
        return .commit
      }
    }
    return outcome
  }

  /// Reserves a worst case given in dollars (the coordinator's shortcut when it has no tokens).
  package func reserve(
    runID: String, tier: Tier, worstCase: Double, subtaskID: String? = nil, agent: String? = nil,
    now: Date = Date()
  ) throws -> ReserveOutcome {
    // Express the amount as output tokens at the tier's output price (or input, if free output).
    var call = PlannedCall(
      runID: runID, subtaskID: subtaskID, agent: agent, tier: tier, promptTokens: 0, maxTokens: 0)
    if worstCase > 0 {
      call.tier.price = .init(input: 0, output: worstCase * 1_000_000, cached: 0)
      call.maxTokens = 1
    }
    let outcome = try reserve(call, now: now)
    guard case .reserved(var reservation) = outcome else { return outcome }
    reservation.price = tier.price
    return .reserved(reservation)
  }

  /// Settles a reservation to the tokens the call used.
  /// - Returns: The actual and counterfactual cost.
  /// - Throws: ``StoreError/notFound(_:)`` when the reservation was settled or released already.
  @discardableResult
  package func settle(
    _ reservation: Reservation, usage: BilledTokens, now: Date = Date()
  ) throws -> SettledCall {
    let actual = Self.cost(usage, reservation.price)
    let counterfactual = counterfactualPrice.map { Self.cost(usage, $0) } ?? actual
    try store.pool.write { db in
      try db.execute(
        sql: """
          UPDATE ledger SET state = 'settled', actual_usd = ?, counterfactual_usd = ?,
            input_tokens = ?, output_tokens = ?, cached_tokens = ?, settled_at = ?
          WHERE id = ? AND state IN ('reserved', 'expired')
          """,
        arguments: [
          actual, counterfactual, usage.input, usage.output, usage.cached,
          now.timeIntervalSince1970, reservation.id,
        ])
      guard db.changesCount == 1 else {
        throw StoreError.notFound("open reservation \(reservation.id)")
      }
    }
    return SettledCall(actual: actual, counterfactual: counterfactual)
  }

  /// Returns a reservation's money: the call was never made or failed before any usage.
  package func release(_ reservation: Reservation) throws {
    try store.pool.write { db in
      try db.execute(
        sql: "UPDATE ledger SET state = 'released' WHERE id = ? AND state = 'reserved'",
        arguments: [reservation.id])
    }
  }

  /// Expires reservations of processes that are gone, and any older than ``reservationTTL``.
  /// - Returns: How many were expired.
  @discardableResult
  package func expireStale(now: Date = Date()) throws -> Int {
    try store.pool.write { try Self.expireStale($0, now: now, ttl: reservationTTL) }
  }

  /// Spend so far against every cap for `runID`.
  package func state(runID: String, now: Date = Date()) throws -> BudgetState {
    try store.pool.read { try Self.state($0, caps: caps, runID: runID, now: now) }
  }

  private static func state(
    _ db: Database, caps: BudgetCaps, runID: String, now: Date
  ) throws -> BudgetState {
    let day = UTCCalendar.dayKey(now)
    let month = UTCCalendar.monthKey(now)
    let amount =
      "CASE state WHEN 'settled' THEN actual_usd WHEN 'reserved' THEN reserved_usd ELSE 0 END"
    let row = try Row.fetchOne(
      db,
      sql: """
        SELECT COALESCE(SUM(CASE WHEN run_id = ? THEN \(amount) END), 0),
               COALESCE(SUM(CASE WHEN day = ? THEN \(amount) END), 0),
               COALESCE(SUM(CASE WHEN month = ? THEN \(amount) END), 0)
        FROM ledger WHERE month = ? OR run_id = ?
        """, arguments: [runID, day, month, month, runID])
    var tiers: [String: Double] = [:]
    for tierRow in try Row.fetchAll(
      db, sql: "SELECT tier, SUM(\(amount)) FROM ledger WHERE day = ? GROUP BY tier",
      arguments: [day])
    {
      tiers[tierRow[0]] = tierRow[1]
    }
    let task: Double = row?[0] ?? 0
    let today: Double = row?[1] ?? 0
    let thisMonth: Double = row?[2] ?? 0
    return BudgetState(
      caps: caps, runID: runID, taskSpent: task, daySpent: today, monthSpent: thisMonth,
      tierDaySpent: tiers, now: now)
  }

  private static func expireStale(_ db: Database, now: Date, ttl: Double) throws -> Int {
    let host = hostName
    let me = Int(getpid())
    var stale: [Int64] = []
    for row in try Row.fetchAll(
      db, sql: "SELECT id, pid, host, created_at FROM ledger WHERE state = 'reserved'")
    {
      let pid: Int = row[1]
      let rowHost: String = row[2]
      let created: Double = row[3]
      let tooOld = now.timeIntervalSince1970 - created > ttl
      let dead = rowHost == host && pid != me && !isAlive(pid)
      if tooOld || dead { stale.append(row[0]) }
    }
    for id in stale {
      try db.execute(sql: "UPDATE ledger SET state = 'expired' WHERE id = ?", arguments: [id])
    }
    return stale.count
  }

  private static func cost(_ usage: BilledTokens, _ price: Tier.Price) -> Double {
    (Double(usage.input) * price.input + Double(usage.output) * price.output
      + Double(usage.cached) * price.cached) / 1_000_000
  }

  /// Whether a process with `pid` exists (EPERM means it does, under another user).
  private static func isAlive(_ pid: Int) -> Bool {
    guard pid > 0 else { return false }
    return kill(pid_t(pid), 0) == 0 || errno == EPERM
  }

  private static let hostName: String = {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }()
}
