/// Collects a run's spans as they happen, against an injected clock.
///
/// An actor: sub-agents record concurrently. Spans are kept in memory and written to the store
/// once, when the run ends, so tracing adds no I/O to the hot path.
package actor SpanRecorder {
  private let elapsed: @Sendable () -> Duration
  private var spans: [Int: Span] = [:]
  private var nextID = 1

  /// Starts recording; time zero is now.
  package init<C: Clock<Duration>>(clock: C) {
    let origin = clock.now
    self.elapsed = { origin.duration(to: clock.now) }
  }

  /// Seconds since the recorder started.
  package func now() -> Double { Self.seconds(elapsed()) }

  /// Opens a span that ends when ``end(_:_:)`` is called.
  /// - Returns: The span's id.
  package func begin(
    _ name: Span.Name, parent: Int? = nil, subtask: String? = nil, tier: String? = nil
  ) -> Int {
    let id = nextID
    nextID += 1
    let t = now()
    spans[id] = Span(
      id: id, parent: parent, name: name, subtask: subtask, tier: tier, start: t, end: t)
    return id
  }

  /// Closes span `id`, applying `update` (tokens, cost, attributes) to it.
  package func end(_ id: Int, _ update: @Sendable (inout Span) -> Void = { _ in }) {
    guard var span = spans[id] else { return }
    span.end = now()
    update(&span)
    spans[id] = span
  }

  /// Adds a finished span whose times were measured elsewhere (a model call's timings).
  @discardableResult
  package func add(_ make: @Sendable (Int) -> Span) -> Int {
    let id = nextID
    nextID += 1
    spans[id] = make(id)
    return id
  }

  /// Changes a recorded span (e.g. reclassifying a call as work once its output is accepted).
  package func update(_ id: Int, _ update: @Sendable (inout Span) -> Void) {
    guard var span = spans[id] else { return }
    update(&span)
    spans[id] = span
  }

  /// Every span, in id order.
  package func all() -> [Span] { spans.values.sorted { $0.id < $1.id } }

  private static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }
}
