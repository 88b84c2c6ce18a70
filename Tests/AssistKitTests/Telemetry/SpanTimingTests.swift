import AssistKit
import AssistTesting
import Foundation
import Testing

/// Span nesting and timing on a scripted run driven by a manual clock.
@Suite struct SpanTimingTests {
  /// Plan (one planner call), then sub-tasks a and b in parallel, then c after both; reconcile.
  static func scriptedRun() async -> [Span] {
    let clock = ManualClock()
    let recorder = SpanRecorder(clock: clock)
    let run = await recorder.begin(.run)
    let plan = await recorder.begin(.plan, parent: run)
    let plannerStart = await recorder.now()
    clock.advance(by: .seconds(2))
    await recorder.add { id in
      Span(
        id: id, parent: plan, name: .plan, tier: "local-medium", track: "http://m#0",
        start: plannerStart, end: plannerStart + 2, inputTokens: 800, outputTokens: 200,
        classification: .coordination)
    }
    clock.advance(by: .milliseconds(500))
    await recorder.end(plan)
    // a and b overlap: a runs 0.5 s after the plan for 4 s, b for 3 s.
    let a = await recorder.begin(.subtask, parent: run, subtask: "a")
    let b = await recorder.begin(.subtask, parent: run, subtask: "b")
    let aStart = await recorder.now()
    clock.advance(by: .seconds(3))
    let bCall = await recorder.add { id in
      Span(
        id: id, parent: b, name: .call, subtask: "b", tier: "local-small", track: "http://s#0",
        start: aStart, end: aStart + 3, inputTokens: 500, outputTokens: 100,
        classification: .coordination)
    }
    await recorder.update(bCall) { $0.classification = .work }
    await recorder.end(b)
    clock.advance(by: .seconds(1))
    await recorder.add { id in
      Span(
        id: id, parent: a, name: .call, subtask: "a", tier: "local-small", track: "http://s#0",
        start: aStart + 0.5, end: aStart + 4, inputTokens: 600, outputTokens: 150,
        classification: .work)
    }
    await recorder.end(a)
    let c = await recorder.begin(.subtask, parent: run, subtask: "c")
    let gate = await recorder.begin(.gate, parent: c, subtask: "c")
    clock.advance(by: .seconds(1))
    await recorder.end(gate) { $0.attributes["stage"] = "accepted" }
    await recorder.end(c)
    let human = await recorder.begin(.humanWait, parent: run)
    clock.advance(by: .seconds(5))
    await recorder.end(human)
    await recorder.end(run)
    return await recorder.all()
  }

  @Test func spansNestAndTimesAreExact() async throws {
    let spans = await Self.scriptedRun()
    let byName = Dictionary(grouping: spans, by: \.name)
    let run = try #require(byName[.run]?.first)
    #expect(run.parent == nil && run.start == 0 && run.end == 12.5)
    for span in spans where span.id != run.id {
      let parent = try #require(spans.first { $0.id == span.parent })
      #expect(
        parent.start <= span.start && span.end <= parent.end, "\(span.name) in \(parent.name)")
    }
    let subtasks = try #require(byName[.subtask])
    #expect(subtasks.map(\.subtask) == ["a", "b", "c"])
    #expect(subtasks.map(\.duration) == [4, 3, 1])
    let gate = try #require(byName[.gate]?.first)
    #expect(gate.parent == subtasks[2].id && gate.attributes["stage"] == "accepted")
    #expect(spans.map(\.id) == Array(1...spans.count))
  }

  @Test func overheadTimesFromTheScriptedRun() async {
    let spans = await Self.scriptedRun()
    let overhead = Overhead(spans: spans, dependencies: ["c": ["a", "b"]])
    #expect(overhead.wallSeconds == 12.5)
    // Model time is the union of [0,2], [2.5,5.5] and [3,6.5]: 2 + 4 = 6 s; the enclosing plan
    // span (no tier) is orchestrator time, not model time.
    #expect(overhead.modelSeconds == 6)
    #expect(overhead.humanSeconds == 5)
    #expect(overhead.orchestratorSeconds == 1.5)
    #expect(overhead.verifySeconds == 0 && overhead.ownSeconds == 1.5)
    #expect(overhead.subtaskSeconds == 8)
    #expect(overhead.criticalPathSeconds == 5)  // a (4 s) then c (1 s)
    #expect(overhead.parallelSpeedup == 8.0 / 5.0)
    let serial = Overhead(spans: spans, dependencies: ["b": ["a"], "c": ["b"]])
    #expect(serial.parallelSpeedup == 1)
  }

  @Test func tracingMeasurementReportsAFraction() async throws {
    let spans = await Self.scriptedRun()
    let path = NSTemporaryDirectory() + "assist-tracing-\(UUID().uuidString.prefix(8)).sqlite"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let cost = try await TracingCost.measure(
      runID: "abc123", spans: spans, repetitions: 3, scratchStore: path)
    #expect(cost.spans == spans.count)
    #expect(cost.orchestratorSeconds == 1.5)
    #expect(cost.recordSeconds >= 0 && cost.storeSeconds > 0)
    #expect(cost.fraction == (cost.recordSeconds + cost.storeSeconds) / 1.5)
  }
}
