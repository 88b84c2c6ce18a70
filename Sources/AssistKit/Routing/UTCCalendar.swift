package import FoundationEssentials

/// UTC day and month arithmetic for budget periods, without time zones or locales.
package enum UTCCalendar {
  /// Broken-down UTC time.
  package struct Components: Sendable, Equatable {
    /// Year, month 1…12, day 1…31, hour, minute.
    package var year, month, day, hour, minute: Int
  }

  /// The UTC fields of `date` (civil-from-days, Howard Hinnant's algorithm).
  package static func components(of date: Date) -> Components {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let days = floorDiv(seconds, 86_400)
    let secondOfDay = seconds - days * 86_400
    let z = days + 719_468
    let era = floorDiv(z, 146_097)
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    return Components(
      year: year, month: month, day: day, hour: secondOfDay / 3600,
      minute: (secondOfDay % 3600) / 60)
  }

  /// The instant of `year-month-day 00:00 UTC` (month may be 13 for January of the next year).
  package static func date(year: Int, month: Int, day: Int) -> Date {
    let y = month <= 2 ? year - 1 : year
    let m = month <= 2 ? month + 9 : month - 3
    let era = floorDiv(y, 400)
    let yoe = y - era * 400
    let doy = (153 * m + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    return Date(timeIntervalSince1970: Double(days * 86_400))
  }

  /// `2026-11-23`: the ledger's day bucket.
  package static func dayKey(_ date: Date) -> String {
    let c = components(of: date)
    return "\(c.year)-\(pad(c.month))-\(pad(c.day))"
  }

  /// `2026-11`: the ledger's month bucket.
  package static func monthKey(_ date: Date) -> String {
    let c = components(of: date)
    return "\(c.year)-\(pad(c.month))"
  }

  /// The next UTC midnight after `date`.
  package static func nextDay(after date: Date) -> Date {
    let c = components(of: date)
    return Self.date(year: c.year, month: c.month, day: c.day)
      .addingTimeInterval(86_400)
  }

  /// The first instant of the UTC month after `date`.
  package static func nextMonth(after date: Date) -> Date {
    let c = components(of: date)
    return c.month == 12
      ? Self.date(year: c.year + 1, month: 1, day: 1)
      : Self.date(year: c.year, month: c.month + 1, day: 1)
  }

  private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  private static func floorDiv(_ a: Int, _ b: Int) -> Int {
    a >= 0 ? a / b : -((-a + b - 1) / b)
  }
}
