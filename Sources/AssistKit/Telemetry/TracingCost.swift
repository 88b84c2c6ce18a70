internal import Foundation

/// What tracing costs a run, measured by replaying its span pattern through a ``SpanRecorder``
/// (tracing on) and through the same loop without one (tracing off), plus the one store write
/// at the run's end, against assist's own time in that run (wall time less model calls, the
/// human and the repository's tests: ``Overhead/ownSeconds``).
package struct TracingCost: Sendable, Equatable, Codable {
  /// The run.
  package var runID: String
  /// Spans the run recorded.
  package var spans: Int
  /// Median seconds to record them with tracing on, minus the same loop with tracing off.
  package var recordSeconds: Double
  /// Median seconds to write them to a store (once per run).
  package var storeSeconds: Double
  /// assist's own seconds in the run (wall − model − human − verification).
  package var orchestratorSeconds: Double

  /// (record + store) / orchestrator; 0 when the run had no orchestrator time.
  package var fraction: Double {
    orchestratorSeconds > 0 ? (recordSeconds + storeSeconds) / orchestratorSeconds : 0
  }

  /// Measures the cost of tracing `spans` (a real run's), `repetitions` times; medians.
  /// - Parameters:
  ///   - runID: The run.
  ///   - spans: The run's spans.
  ///   - repetitions: Samples per measurement.
  ///   - scratchStore: A store file the spans may be written to (a temporary path).
  /// - Throws: Store errors.
  package static func measure(
    runID: String, spans: [Span], repetitions: Int = 21, scratchStore: String
  ) async throws -> TracingCost {
    let clock = ContinuousClock()
    var on: [Double] = []
    var off: [Double] = []
    var sink = 0
    for _ in 0..<max(1, repetitions) {
      let t0 = clock.now
      let recorder = SpanRecorder(clock: clock)
      for span in spans {
        if span.isModelCall {
          let id = await recorder.add { id in
            var copy = span
            copy.id = id
            return copy
          }
          await recorder.update(id) { $0.classification = span.classification }
        } else {
          let id = await recorder.begin(
            span.name, parent: span.parent, subtask: span.subtask, tier: span.tier)
          let attributes = span.attributes
          await recorder.end(id) { $0.attributes = attributes }
        }
      }
      sink &+= await recorder.all().count
      on.append(Self.seconds(t0.duration(to: clock.now)))
      let t1 = clock.now
      for span in spans {
        var copy = span
        copy.attributes = span.attributes
        sink &+= copy.id
      }
      off.append(Self.seconds(t1.duration(to: clock.now)))
    }
    let store = try Store(path: scratchStore)
    let runs = RunStore(store)
    try runs.save(
      RunRecord(
        id: runID, createdAt: Date().timeIntervalSince1970, repository: "/", command: "bench",
        task: "tracing cost", status: .proposed))
    var writes: [Double] = []
    for _ in 0..<max(1, repetitions / 4) {
      let t = clock.now
      try runs.save(spans: spans, runID: runID)
      writes.append(Self.seconds(t.duration(to: clock.now)))
    }
    let overhead = Overhead(spans: spans)
    return TracingCost(
      runID: runID, spans: spans.count + (sink == Int.min ? 1 : 0),
      recordSeconds: max(0, median(on) - median(off)), storeSeconds: median(writes),
      orchestratorSeconds: overhead.ownSeconds)
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }

  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }
}
