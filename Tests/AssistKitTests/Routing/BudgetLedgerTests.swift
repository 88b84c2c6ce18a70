import AssistKit
import Foundation
import GRDB
import Testing

@Suite struct BudgetLedgerTests {
  typealias F = RoutingFixtures

  private func call(_ run: String = "r1", tier: Tier = F.cloud, agent: String = "design")
    -> PlannedCall
  {
    PlannedCall(
      runID: run, subtaskID: "s1", agent: agent, kind: "design", tier: tier, promptTokens: 1000,
      maxTokens: 500)
  }

  @Test func reserveHoldsTheWorstCaseAndSettleReplacesItWithActualUsage() throws {
    let store = try F.temporaryStore()
    let ledger = BudgetLedger(
      store: store, caps: .init(perTask: 1), counterfactualPrice: F.cloud.price)
    let reservation = try #require(try ledger.reserve(call(), now: F.noon).reservation)
    #expect(reservation.amount == 0.0105)  // 1000 × $3/M + 500 × $15/M
    #expect(try ledger.state(runID: "r1", now: F.noon).taskSpent == 0.0105)
    let settled = try ledger.settle(
      reservation, usage: .init(input: 800, output: 200, cached: 1000), now: F.noon)
    #expect(abs(settled.actual - (800 * 3 + 200 * 15 + 1000 * 0.3) / 1e6) < 1e-12)
    #expect(settled.counterfactual == settled.actual)
    let state = try ledger.state(runID: "r1", now: F.noon)
    #expect(abs(state.taskSpent - settled.actual) < 1e-12)
    #expect(abs(state.tierDaySpent["cloud", default: 0] - settled.actual) < 1e-12)
    // Settling twice is an error, not double counting.
    #expect(throws: StoreError.self) {
      try ledger.settle(reservation, usage: .init(input: 1, output: 1), now: F.noon)
    }
  }

  @Test func releaseReturnsTheMoney() throws {
    let ledger = BudgetLedger(store: try F.temporaryStore(), caps: .init(perTask: 0.025))
    let first = try #require(try ledger.reserve(call(), now: F.noon).reservation)
    #expect(try ledger.reserve(call(), now: F.noon).reservation != nil)
    #expect(try ledger.reserve(call(), now: F.noon).reservation == nil)
    try ledger.release(first)
    #expect(try ledger.reserve(call(), now: F.noon).reservation != nil)
  }

  @Test func aRefusalNamesTheCapTheSpendAndTheResetTime() throws {
    let ledger = BudgetLedger(
      store: try F.temporaryStore(), caps: .init(perTask: 5, perDay: 0.03, perMonth: 10))
    for run in ["a", "b"] {
      let r = try #require(try ledger.reserve(call(run), now: F.noon).reservation)
      try ledger.settle(r, usage: .init(input: 1000, output: 500), now: F.noon)
    }
    // A third run on the same day crosses the daily cap, shared across runs.
    guard case .refused(let pause) = try ledger.reserve(call("c"), now: F.noon) else {
      Issue.record("expected a refusal")
      return
    }
    #expect(pause.cap == .day)
    #expect(abs(pause.spent - 0.021) < 1e-12)
    #expect(pause.limit == 0.03)
    #expect(pause.resetsAt == UTCCalendar.date(year: 2026, month: 11, day: 24))
    // The next UTC day starts from zero; the month keeps counting.
    let tomorrow = F.noon.addingTimeInterval(86_400)
    #expect(try ledger.reserve(call("c"), now: tomorrow).reservation != nil)
    let state = try ledger.state(runID: "c", now: tomorrow)
    #expect(state.daySpent == 0.0105)
    #expect(abs(state.monthSpent - 0.0315) < 1e-12)
  }

  @Test func perTierCapsOnlyLimitTheirTier() throws {
    var cheapCloud = F.cloud
    cheapCloud.name = "cloud-mini"
    let ledger = BudgetLedger(
      store: try F.temporaryStore(), caps: .init(perTierPerDay: ["cloud": 0.015]))
    #expect(try ledger.reserve(call(), now: F.noon).reservation != nil)
    guard case .refused(let pause) = try ledger.reserve(call(), now: F.noon) else {
      Issue.record("expected a refusal")
      return
    }
    #expect(pause.cap == .tierDay(tier: "cloud"))
    #expect(try ledger.reserve(call(tier: cheapCloud), now: F.noon).reservation != nil)
  }

  @Test func freeTiersAreRecordedWithoutAnyCapCheck() throws {
    let ledger = BudgetLedger(
      store: try F.temporaryStore(), caps: .init(perTask: 0), counterfactualPrice: F.cloud.price)
    let r = try #require(try ledger.reserve(call(tier: F.small), now: F.noon).reservation)
    #expect(r.amount == 0)
    let settled = try ledger.settle(r, usage: .init(input: 1000, output: 500), now: F.noon)
    #expect(settled.actual == 0)
    #expect(settled.counterfactual == 0.0105)
  }

  @Test func staleReservationsOfDeadProcessesAndOldOnesExpire() throws {
    let store = try F.temporaryStore()
    let ledger = BudgetLedger(store: store, caps: .init(perDay: 1), reservationTTL: 600)
    let mine = try #require(try ledger.reserve(call(), now: F.noon).reservation)
    let old = try #require(try ledger.reserve(call(), now: F.noon).reservation)
    try store.pool.write {
      // Left behind by a process that no longer exists (a pid beyond pid_max) ...
      try $0.execute(sql: "UPDATE ledger SET pid = 2000000000 WHERE id = ?", arguments: [mine.id])
      // ... and made by this live process, but longer ago than the TTL.
      try $0.execute(
        sql: "UPDATE ledger SET created_at = created_at - 700 WHERE id = ?", arguments: [old.id])
    }
    #expect(try ledger.expireStale(now: F.noon) == 2)
    let states = try store.pool.read {
      try String.fetchAll($0, sql: "SELECT state FROM ledger ORDER BY id")
    }
    #expect(states == ["expired", "expired"])
    #expect(try ledger.state(runID: "r1", now: F.noon).daySpent == 0)
    // A call that finishes after its reservation expired is still settled (the money was spent).
    try ledger.settle(old, usage: .init(input: 10, output: 10), now: F.noon)
    // A fresh reservation by this live process is kept.
    #expect(try ledger.reserve(call(), now: F.noon).reservation != nil)
    #expect(try ledger.expireStale(now: F.noon) == 0)
  }

  @Test func aCapHeldByADeadProcessIsFreedByTheNextReservation() throws {
    let store = try F.temporaryStore()
    let ledger = BudgetLedger(store: store, caps: .init(perDay: 0.015))
    let held = try #require(try ledger.reserve(call("crashed"), now: F.noon).reservation)
    #expect(try ledger.reserve(call("r2"), now: F.noon).reservation == nil)
    // The process that made `held` dies without settling or releasing.
    try store.pool.write {
      try $0.execute(sql: "UPDATE ledger SET pid = 2000000000 WHERE id = ?", arguments: [held.id])
    }
    #expect(try ledger.reserve(call("r2"), now: F.noon).reservation != nil)
    let states = try store.pool.read {
      try String.fetchAll($0, sql: "SELECT state FROM ledger ORDER BY id")
    }
    #expect(states == ["expired", "reserved"])
  }

  @Test func theReservationTheCoordinatorMakesFromADollarAmountSettlesAtTheTierPrice() throws {
    let ledger = BudgetLedger(store: try F.temporaryStore(), caps: .init(perTask: 0.05))
    let r = try #require(
      try ledger.reserve(runID: "r1", tier: F.cloud, worstCase: 0.04, now: F.noon).reservation)
    #expect(r.amount == 0.04)
    #expect(r.price == F.cloud.price)
    #expect(
      try ledger.reserve(runID: "r1", tier: F.cloud, worstCase: 0.02, now: F.noon).reservation
        == nil)
    let settled = try ledger.settle(r, usage: .init(input: 1000, output: 0))
    #expect(settled.actual == 0.003)
  }
}
