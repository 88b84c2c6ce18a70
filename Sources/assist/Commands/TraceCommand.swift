import ArgumentParser
import AssistKit
import Foundation

/// `assist trace`: a run's spans as a Chrome trace (Perfetto) or OpenTelemetry-style JSON lines.
struct TraceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trace",
    abstract: "Export a run's spans as a Chrome trace or OpenTelemetry-style JSON lines.",
    discussion: """
      The Chrome trace has one track for the coordinator, one per sub-agent and one per endpoint \
      slot; open it at https://ui.perfetto.dev or chrome://tracing. The JSON lines hold one span \
      per line (traceId from the run id, spanId, parentSpanId, start and end in Unix nanoseconds, \
      attributes).

      Examples:
        assist trace 3f9a2c --chrome run.json
        assist trace 3f9a2c --otlp-json spans.jsonl
      """)

  @Argument(help: "The run id or a unique prefix.")
  var id: String

  @Option(help: "Write a Chrome trace event file here.")
  var chrome: String?

  @Option(name: .customLong("otlp-json"), help: "Write OpenTelemetry-style JSON lines here.")
  var otlpJSON: String?

  func validate() throws {
    if chrome == nil && otlpJSON == nil {
      throw ValidationError("give --chrome FILE, --otlp-json FILE or both")
    }
  }

  func run() throws {
    let paths = AssistPaths(variables: ProcessInfo.processInfo.environment, installDirectory: "")
    let run = try StoredRun(id, from: RunStore(try Store(path: paths.storePath)))
    guard !run.spans.isEmpty else {
      throw ValidationError("run \(run.record.id) recorded no spans")
    }
    if let chrome {
      let trace = ChromeTrace(runID: run.record.id, spans: run.spans, agents: run.agents)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      try encoder.encode(trace).write(to: URL(fileURLWithPath: chrome))
      print("wrote \(chrome): \(trace.traceEvents.count) events (open in https://ui.perfetto.dev)")
    }
    if let otlpJSON {
      let lines = OTLPExport.lines(
        runID: run.record.id, startedAt: run.record.createdAt, spans: run.spans)
      try OTLPExport.text(lines).write(toFile: otlpJSON, atomically: true, encoding: .utf8)
      print("wrote \(otlpJSON): \(lines.count) spans")
    }
  }
}
