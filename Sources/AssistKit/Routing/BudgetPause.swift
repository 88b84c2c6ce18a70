package import FoundationEssentials

/// A call that would cross a budget cap: which cap, what is spent, and when it resets.
///
/// The router turns it into a downgrade or a pause; the coordinator stores it with the paused run
/// so that `assist resume` can say when trying again makes sense.
package struct BudgetPause: Sendable, Equatable, Codable, CustomStringConvertible {
  /// A kind of cap.
  package enum Cap: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// The run's cap.
    case task(runID: String)
    /// The UTC day's cap.
    case day
    /// The UTC month's cap.
    case month
    /// One tier's cap for the UTC day.
    case tierDay(tier: String)

    package var description: String {
      switch self {
      case .task(let runID): "task budget of run \(runID)"
      case .day: "daily budget"
      case .month: "monthly budget"
      case .tierDay(let tier): "daily budget of tier \(tier)"
      }
    }
  }

  /// The cap that would be crossed.
  package var cap: Cap
  /// The cap in dollars.
  package var limit: Double
  /// Settled spend plus outstanding reservations under this cap, in dollars.
  package var spent: Double
  /// The worst case of the call that was refused, in dollars.
  package var requested: Double
  /// When the cap resets (`nil` for a run's cap, which only `--budget` raises).
  package var resetsAt: Date?

  /// Creates a pause.
  package init(cap: Cap, limit: Double, spent: Double, requested: Double, resetsAt: Date?) {
    self.cap = cap
    self.limit = limit
    self.spent = spent
    self.requested = requested
    self.resetsAt = resetsAt
  }

  package var description: String {
    var text =
      "the \(cap) of \(Self.dollars(limit)) would be crossed: \(Self.dollars(spent)) spent or "
      + "reserved, the next call may cost up to \(Self.dollars(requested))"
    if let resetsAt {
      text += "; it resets at \(Self.utc(resetsAt))"
    } else {
      text += "; raise it with --budget"
    }
    return text
  }

  /// `$1.2345` with four decimals (sub-cent calls are common).
  package static func dollars(_ amount: Double) -> String {
    let scaled = (amount * 10_000).rounded()
    let whole = Int(scaled / 10_000)
    let fraction = Int(abs(scaled).truncatingRemainder(dividingBy: 10_000))
    let digits = String(fraction)
    return "$\(whole).\(String(repeating: "0", count: 4 - digits.count))\(digits)"
  }

  /// `2026-11-24 00:00 UTC`.
  package static func utc(_ date: Date) -> String {
    let c = UTCCalendar.components(of: date)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(c.year)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)) UTC"
  }
}
