import AssistKit
import Foundation
import Testing

/// Chrome trace and OTLP JSON lines: they parse, and every span lands on a named track.
@Suite struct TraceExportTests {
  static func json(_ trace: ChromeTrace) throws -> [[String: Any]] {
    let data = try JSONEncoder().encode(trace)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(object["traceEvents"] as? [[String: Any]])
  }

  @Test func everyCompleteEventHasANamedTrack() async throws {
    let spans =
      await SpanTimingTests.scriptedRun()
      + ClassificationTests.spans.map {
        var span = $0
        span.id += 100
        span.parent = span.parent.map { $0 + 100 }
        return span
      }
    let events = try Self.json(
      ChromeTrace(runID: "0123abcd", spans: spans, agents: ["a": "migrator"]))
    let names = Dictionary(
      events.filter { $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name" }
        .compactMap { e -> (Int, String)? in
          guard let tid = e["tid"] as? Int, let args = e["args"] as? [String: Any],
            let name = args["name"] as? String
          else { return nil }
          return (tid, name)
        }, uniquingKeysWith: { a, _ in a })
    let complete = events.filter { $0["ph"] as? String == "X" }
    let calls = spans.filter(\.isModelCall).count
    #expect(complete.count == spans.count + calls)  // each call again on its endpoint slot
    for event in complete {
      let tid = try #require(event["tid"] as? Int)
      #expect(names[tid] != nil, "tid \(tid) has no thread_name")
      #expect(event["ts"] is Double || event["ts"] is Int)
      #expect((event["dur"] as? Double ?? -1) >= 0)
    }
    #expect(names.values.contains("sub-task a · migrator"))
    #expect(names.values.contains("endpoint http://s#0"))
    #expect(names.values.contains("coordinator"))
    let process = events.first { $0["name"] as? String == "process_name" }
    #expect((process?["args"] as? [String: Any])?["name"] as? String == "assist run 0123abcd")
    // A call's args carry tokens, cost and classification.
    let call = try #require(
      complete.first { ($0["args"] as? [String: Any])?["tokens_in"] as? Int == 700 })
    let args = try #require(call["args"] as? [String: Any])
    #expect(args["classification"] as? String == "coordination")
    #expect(args["tokens_out"] as? Int == 300 && args["cost_usd"] != nil)
  }

  @Test func eventsOnOneTrackNestOrFollowEachOther() async throws {
    let spans = await SpanTimingTests.scriptedRun()
    let trace = ChromeTrace(runID: "r", spans: spans)
    let byTrack = Dictionary(grouping: trace.traceEvents.filter { $0.ph == "X" }, by: \.tid)
    for (tid, events) in byTrack {
      let sorted = events.sorted { ($0.ts, -($0.dur ?? 0)) < ($1.ts, -($1.dur ?? 0)) }
      var open: [Double] = []  // ends of enclosing events
      for event in sorted {
        let end = event.ts + (event.dur ?? 0)
        while let last = open.last, last <= event.ts { open.removeLast() }
        if let last = open.last {
          #expect(end <= last + 1e-6, "track \(tid): \(event.name) overlaps")
        }
        open.append(end)
      }
    }
  }

  @Test func otlpLinesParseAndLinkParents() throws {
    let lines = OTLPExport.lines(
      runID: "3f9a2c0d11aa", startedAt: 1_700_000_000, spans: ClassificationTests.spans)
    let text = try OTLPExport.text(lines)
    let rows = text.split(separator: "\n")
    #expect(rows.count == ClassificationTests.spans.count)
    var ids: Set<String> = []
    for row in rows {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(row.utf8)) as? [String: Any])
      #expect(object["traceId"] as? String == "000000000000000000003f9a2c0d11aa")
      let id = try #require(object["spanId"] as? String)
      #expect(id.count == 16)
      ids.insert(id)
      if let parent = object["parentSpanId"] as? String { #expect(ids.contains(parent)) }
      let start = try #require(UInt64(object["startTimeUnixNano"] as? String ?? ""))
      let end = try #require(UInt64(object["endTimeUnixNano"] as? String ?? ""))
      #expect(start >= 1_700_000_000_000_000_000 && end >= start)
    }
    let call = try #require(lines.first { $0.spanId == "0000000000000005" })
    #expect(call.name == "assist.call")
    #expect(call.attributes.contains { $0.key == "assist.tokens_in" && $0.value.intValue == "700" })
    #expect(
      call.attributes.contains {
        $0.key == "assist.classification" && $0.value.stringValue == "coordination"
      })
  }
}
