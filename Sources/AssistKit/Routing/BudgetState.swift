package import FoundationEssentials

/// A snapshot of spend against every cap: settled calls plus outstanding reservations.
///
/// The router checks a decision against it; ``BudgetLedger/reserve(_:now:)`` checks the same way
/// inside its transaction, which is the check that counts when processes race.
package struct BudgetState: Sendable, Equatable, Codable {
  /// The caps.
  package var caps: BudgetCaps
  /// The run the snapshot is for.
  package var runID: String
  /// Spent or reserved by the run.
  package var taskSpent: Double
  /// Spent or reserved today (UTC).
  package var daySpent: Double
  /// Spent or reserved this month (UTC).
  package var monthSpent: Double
  /// Spent or reserved today per tier.
  package var tierDaySpent: [String: Double]
  /// When the snapshot was taken (decides the reset times).
  package var now: Date

  /// Creates a snapshot.
  package init(
    caps: BudgetCaps, runID: String, taskSpent: Double = 0, daySpent: Double = 0,
    monthSpent: Double = 0, tierDaySpent: [String: Double] = [:], now: Date = Date()
  ) {
    self.caps = caps
    self.runID = runID
    self.taskSpent = taskSpent
    self.daySpent = daySpent
    self.monthSpent = monthSpent
    self.tierDaySpent = tierDaySpent
    self.now = now
  }

  /// No caps and nothing spent.
  package static func unlimited(runID: String = "") -> BudgetState {
    BudgetState(caps: .none, runID: runID)
  }

  /// The cap a call of worst case `cost` on `tier` would cross, the longest-lasting first.
  ///
  /// Order: the run's cap (never resets), the month, the day, the tier's day.
  /// - Parameters:
  ///   - cost: The call's worst case in dollars; a free call (0) crosses nothing.
  ///   - tier: The tier's name.
  /// - Returns: `nil` when the call fits every cap.
  package func check(cost: Double, tier: String) -> BudgetPause? {
    guard cost > 0 else { return nil }
    let slack = 1e-9  // sums of prices are not exact in binary
    func crosses(_ cap: Double?, _ spent: Double) -> Double? {
      guard let cap, spent + cost > cap + slack else { return nil }
      return cap
    }
    if let cap = crosses(caps.perTask, taskSpent) {
      return BudgetPause(
        cap: .task(runID: runID), limit: cap, spent: taskSpent, requested: cost, resetsAt: nil)
    }
    if let cap = crosses(caps.perMonth, monthSpent) {
      return BudgetPause(
        cap: .month, limit: cap, spent: monthSpent, requested: cost,
        resetsAt: UTCCalendar.nextMonth(after: now))
    }
    if let cap = crosses(caps.perDay, daySpent) {
      return BudgetPause(
        cap: .day, limit: cap, spent: daySpent, requested: cost,
        resetsAt: UTCCalendar.nextDay(after: now))
    }
    let spent = tierDaySpent[tier] ?? 0
    if let cap = crosses(caps.perTierPerDay[tier], spent) {
      return BudgetPause(
        cap: .tierDay(tier: tier), limit: cap, spent: spent, requested: cost,
        resetsAt: UTCCalendar.nextDay(after: now))
    }
    return nil
  }

  /// The snapshot after reserving `cost` on `tier` (for planning several calls ahead).
  package func adding(_ cost: Double, tier: String) -> BudgetState {
    var next = self
    next.taskSpent += cost
    next.daySpent += cost
    next.monthSpent += cost
    next.tierDaySpent[tier, default: 0] += cost
    return next
  }
}
