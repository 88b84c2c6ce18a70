import Synchronization

/// A clock that moves only when a test says so, so span timings come out exact.
///
/// Sleeping does not block: it moves the clock to the deadline (if later) and returns.
package final class ManualClock: Clock, Sendable {
  /// A point on the manual clock: an offset from its start.
  package struct Instant: InstantProtocol, Sendable {
    /// Time since the clock was made.
    package var offset: Duration

    package func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
    package func duration(to other: Instant) -> Duration { other.offset - offset }
    package static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
  }

  private let current = Mutex(Instant(offset: .zero))

  /// A clock at offset zero.
  package init() {}

  package var now: Instant { current.withLock { $0 } }
  package var minimumResolution: Duration { .zero }

  /// Moves the clock forward by `duration`.
  package func advance(by duration: Duration) {
    current.withLock { $0 = $0.advanced(by: duration) }
  }

  package func sleep(until deadline: Instant, tolerance: Duration?) async throws {
    try Task.checkCancellation()
    current.withLock { $0 = max($0, deadline) }
  }
}
