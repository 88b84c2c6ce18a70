/// When a run must stop starting model calls (`assist task --time-limit SECONDS`).
///
/// A run on a large repository can take long; past the limit no new model call starts, a call in
/// flight is cut at it, the run ends with what was verified so far and says why in one line.
/// Nothing is applied by a run that stopped at its limit.
package struct RunDeadline: Sendable {
  /// The limit as given, in seconds.
  package var seconds: Double
  /// When it passes.
  package var end: ContinuousClock.Instant

  /// A deadline `seconds` from now.
  package init(seconds: Double, from start: ContinuousClock.Instant = .now) {
    self.seconds = seconds
    self.end = start.advanced(by: .milliseconds(Int64((seconds * 1_000).rounded())))
  }

  /// Whether the limit has passed.
  package var hasPassed: Bool { ContinuousClock.now >= end }

  /// Time left before the limit; zero once it has passed.
  package var remaining: Duration { max(.zero, ContinuousClock.now.duration(to: end)) }

  /// The one-line reason a run stopped at its limit.
  package var reason: String {
    "stopped at the time limit (--time-limit \(Self.format(seconds))): no model call started after it"
  }

  /// The reason when a call in flight was cut at the limit.
  package var cutReason: String {
    "stopped at the time limit (--time-limit \(Self.format(seconds))): the call in flight was cut there"
  }

  /// `limits` ending no later than the limit, labelled so that a cut says why.
  /// - Parameter limits: A call's own limits.
  /// - Returns: The limits, with the wall clock shortened when the run's limit comes first.
  package func bounding(_ limits: CallLimits) -> CallLimits {
    guard remaining < limits.wallClock else { return limits }
    var bounded = limits
    bounded.wallClock = remaining
    bounded.label = [limits.label, "the run's --time-limit"].filter { !$0.isEmpty }.joined(
      separator: ", ")
    return bounded
  }

  /// `90 s`, `1.5 s`.
  private static func format(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
  }

  /// Thrown where a model call would start after the limit.
  package struct Passed: Error, Sendable, CustomStringConvertible {
    /// The deadline's reason.
    package var description: String
  }

  /// Throws ``Passed`` when the limit has passed.
  /// - Throws: ``Passed``.
  package func check() throws {
    if hasPassed { throw Passed(description: reason) }
  }
}
