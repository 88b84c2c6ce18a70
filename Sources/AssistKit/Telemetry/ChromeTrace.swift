/// A run as a Chrome trace (the JSON object format Perfetto and `chrome://tracing` open).
///
/// Tracks (threads of one process): the coordinator (spans outside any sub-task: run, plan,
/// the planner's calls, reconcile), one per sub-agent (its sub-task span with the calls, gates,
/// verifications and escalations inside it), and one per endpoint slot (`span.track`), where each
/// model call appears again from the end of its queue wait, so a slot's load is visible. Every
/// span is a complete (`X`) event; `M` events name the process and the threads.
package struct ChromeTrace: Sendable, Equatable, Codable {
  /// One trace event.
  package struct Event: Sendable, Equatable, Codable {
    /// The span name (`call`, `gate`, …) or the metadata kind (`thread_name`).
    package var name: String
    /// Category: the span's classification for model calls, `span` otherwise, or `__metadata`.
    package var cat: String
    /// `X` (complete) or `M` (metadata).
    package var ph: String
    /// Start, microseconds from the run's start.
    package var ts: Double
    /// Duration, microseconds (complete events only).
    package var dur: Double?
    /// The process (always 1: the run).
    package var pid: Int
    /// The track.
    package var tid: Int
    /// Details: tokens, cost, classification, attributes; `name` for metadata.
    package var args: [String: TraceValue]
  }

  /// Every event, metadata first.
  package var traceEvents: [Event]
  /// How viewers show times.
  package var displayTimeUnit: String

  /// Builds the trace of run `runID`.
  /// - Parameters:
  ///   - runID: The run, shown as the process name.
  ///   - spans: Its spans.
  ///   - agents: Sub-task id → agent name, for the sub-agent tracks' names.
  package init(runID: String, spans: [Span], agents: [String: String] = [:]) {
    var tracks: [String: Int] = ["coordinator": 1]
    var names: [(Int, String)] = [(1, "coordinator")]
    func track(_ key: String, _ name: String) -> Int {
      if let tid = tracks[key] { return tid }
      let tid = tracks.count + 1
      tracks[key] = tid
      names.append((tid, name))
      return tid
    }
    var events: [Event] = []
    var slotEnds: [String: Double] = [:]
    let ordered = spans.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    for span in ordered {
      let tid =
        span.subtask.map { id in
          track("subtask:" + id, "sub-task \(id)" + (agents[id].map { " · \($0)" } ?? ""))
        } ?? 1
      let args = TraceValue.details(of: span)
      let cat = span.isModelCall ? span.classification.rawValue : "span"
      events.append(
        Event(
          name: span.name.rawValue, cat: cat, ph: "X", ts: span.start * 1e6,
          dur: max(0, span.duration) * 1e6, pid: 1, tid: tid, args: args))
      if span.isModelCall, let endpoint = span.track {
        let slot = track("endpoint:" + endpoint, "endpoint " + endpoint)
        let begin = max(span.start + (span.queueWait ?? 0), slotEnds[endpoint] ?? 0)
        let end = max(begin, span.end)
        slotEnds[endpoint] = end
        var slotArgs = args
        slotArgs["agent"] = .string(
          span.subtask.map { agents[$0] ?? "sub-task \($0)" } ?? "planner")
        events.append(
          Event(
            name: span.name.rawValue + (span.subtask.map { " " + $0 } ?? " planner"), cat: cat,
            ph: "X", ts: begin * 1e6, dur: (end - begin) * 1e6, pid: 1, tid: slot, args: slotArgs))
      }
    }
    var metadata = [
      Event(
        name: "process_name", cat: "__metadata", ph: "M", ts: 0, pid: 1, tid: 0,
        args: ["name": .string("assist run \(runID)")])
    ]
    for (tid, name) in names {
      metadata.append(
        Event(
          name: "thread_name", cat: "__metadata", ph: "M", ts: 0, pid: 1, tid: tid,
          args: ["name": .string(name)]))
      metadata.append(
        Event(
          name: "thread_sort_index", cat: "__metadata", ph: "M", ts: 0, pid: 1, tid: tid,
          args: ["sort_index": .int(tid)]))
    }
    traceEvents = metadata + events
    displayTimeUnit = "ms"
  }
}
