/// An injected clock reduced to "time since creation", so that instants of any
/// `Clock<Duration>` can be stored and compared as plain durations.
struct Timeline: Sendable {
  /// The time elapsed since the timeline was made.
  let now: @Sendable () -> Duration
  /// Sleeps on the underlying clock.
  let sleep: @Sendable (Duration) async throws -> Void

  /// Creates a timeline on `clock`, starting now.
  init(clock: any Clock<Duration>) {
    (now, sleep) = Self.open(clock)
  }

  private static func open<C: Clock<Duration>>(_ clock: C) -> (
    @Sendable () -> Duration, @Sendable (Duration) async throws -> Void
  ) {
    let origin = clock.now
    return ({ origin.duration(to: clock.now) }, { try await clock.sleep(for: $0) })
  }
}
