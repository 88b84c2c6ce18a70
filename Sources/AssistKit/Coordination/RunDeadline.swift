/// When a run must stop starting model calls (`assist task --time-limit SECONDS`).
///
/// A run on a large repository can take long; past the limit no new model call starts, calls in
/// flight finish, the run ends with what was verified so far and says why in one line. Nothing is
/// applied by a run that stopped at its limit.
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

  /// The one-line reason a run stopped at its limit.
  package var reason: String {
    "stopped at the time limit (--time-limit \(Self.format(seconds))): no model call started after it"
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
