import ArgumentParser
import AssistKit
import Foundation

/// `assist bench`: the example tasks under each topology and policy, judged by their checks.
struct BenchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Run the example tasks single- and multi-agent under each tier policy and compare.",
    discussion: """
      Each task's repo/ is copied into a fresh git repository, `assist task` runs in process, the \
      proposal lands on a branch and the task's check command judges it (analysis tasks: every \
      expected word must appear in the findings). Dollars are also priced at the cloud tier \
      (counterfactual); without a cloud key, cloud-only is played by the strongest local tier and \
      labelled so. Results go to --out as results.json, table.txt and report.html (self-contained).

      Examples:
        assist bench --tasks fix-slugify-case,add-clear --policies local-only,cloud-only
        assist bench --replay --prices prices.yaml --out bench/results
        assist bench --tracing-cost
      """)

  @Argument(help: "The suite folder (default: examples/ here, else the install's).")
  var suite: String?

  @Option(help: "Comma-separated: single, multi.")
  var topologies = "single,multi"

  @Option(help: "Comma-separated: local-only, hybrid, cloud-only.")
  var policies = "local-only,hybrid,cloud-only"

  @Option(help: "Comma-separated task ids (id or example/id); default: all.")
  var tasks: String?

  @Flag(help: "Re-price the results saved in --out instead of running (no model is called).")
  var replay = false

  @Option(help: "With --replay: a YAML price table, tier: {input, output, cached} per million.")
  var prices: String?

  @Option(name: .customLong("as"), help: "With --replay: price every call as this tier.")
  var playAs: String?

  @Flag(help: "Measure tracing's cost against the orchestrator time of the last 20 stored runs.")
  var tracingCost = false

  @Flag(help: "Re-render table.txt and report.html from --out/results.json (no model is called).")
  var render = false

  @Flag(help: "Print the results as JSON.")
  var json = false

  @Option(help: "Where results.json, table.txt and report.html go.")
  var out = "bench/results"

  func validate() throws {
    if (prices != nil || playAs != nil) && !replay {
      throw ValidationError("--prices and --as only make sense with --replay")
    }
    if replay && prices == nil { throw ValidationError("--replay needs --prices FILE") }
    for name in list(topologies) where BenchRunner.Topology(rawValue: name) == nil {
      throw ValidationError("unknown topology '\(name)' (single, multi)")
    }
    for name in list(policies) where BenchRunner.Policy(rawValue: name) == nil {
      throw ValidationError("unknown policy '\(name)' (local-only, hybrid, cloud-only)")
    }
  }

  func run() async throws {
    let command = "assist " + CommandLine.arguments.dropFirst().joined(separator: " ")
    if tracingCost { return try await measureTracing() }
    if render {
      let data = try Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))
      let record = try JSONDecoder().decode(BenchRecord.self, from: data)
      try write(record, prefix: "")
      return try show(record)
    }
    if replay {
      let data = try Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))
      let record = try JSONDecoder().decode(BenchRecord.self, from: data)
      let replay = try BenchReplay(pricesFile: prices ?? "", playAs: playAs)
      let repriced = replay.reprice(
        record, describedAs: "`\(command)`" + (playAs.map { ", every call as \($0)" } ?? ""))
      try write(repriced, prefix: "replay-")
      try show(repriced)
      return
    }
    let environment = try LiveEnvironment.make()
    let folder = suite ?? Self.defaultSuite(install: environment.paths.installDirectory)
    let selected = try BenchSuite(folder: folder).select(tasks.map(list) ?? [])
    let tiers = (try? LiveEnvironment.config(environment))?.tiers ?? []
    let machine =
      "\(ProcessInfo.processInfo.activeProcessorCount) cores; tiers: "
      + tiers.map { "\($0.name)=\($0.model)" }.joined(separator: ", ")
    let started = ISO8601DateFormatter().string(from: Date())
    var record = BenchRecord(command: command, started: started, machine: machine, results: [])
    let runner = BenchRunner(environment: environment)
    let cells = selected.flatMap { task in
      list(topologies).flatMap { t in list(policies).map { p in (task, t, p) } }
    }
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    for (k, (task, topology, policy)) in cells.enumerated() {
      Output.progress("[\(k + 1)/\(cells.count)] \(task.name) · \(topology) · \(policy) …")
      let result = try await runner.run(
        task, topology: BenchRunner.Topology(rawValue: topology) ?? .single,
        policy: BenchRunner.Policy(rawValue: policy) ?? .localOnly)
      Output.progress(
        "    \(result.success ? "ok" : "FAILED") in \(Int(result.wallSeconds))s, "
          + "\(result.tokens) tokens, overhead \(BenchReport.percent(result.overhead.ratio)), "
          + "run \(result.runID ?? "-"): \(result.detail.prefix(120))")
      record.results.append(result)
      try write(record, prefix: "")
    }
    try show(record)
  }

  private func show(_ record: BenchRecord) throws {
    if json { return try Output.json(record) }
    print(BenchReport.table(record), terminator: "")
  }

  private func write(_ record: BenchRecord, prefix: String) throws {
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try encoder.encode(record).write(to: URL(fileURLWithPath: out + "/\(prefix)results.json"))
    let table = "$ \(record.command)\n\n" + BenchReport.table(record)
    try table.write(toFile: out + "/\(prefix)table.txt", atomically: true, encoding: .utf8)
    try BenchReport.html(record).write(
      toFile: out + "/\(prefix)report.html", atomically: true, encoding: .utf8)
  }

  /// Tracing's cost on the last 20 finished runs in the store.
  private func measureTracing() async throws {
    let paths = AssistPaths(variables: ProcessInfo.processInfo.environment, installDirectory: "")
    let runs = RunStore(try Store(path: paths.storePath))
    let scratch = NSTemporaryDirectory() + "assist-tracing-\(UUID().uuidString.prefix(8)).sqlite"
    defer {
      for suffix in ["", "-wal", "-shm"] {
        try? FileManager.default.removeItem(atPath: scratch + suffix)
      }
    }
    var costs: [TracingCost] = []
    for id in try runs.runs(limit: 40).filter({ $0.status != .running }).prefix(20).map(\.id) {
      guard let spans = try? runs.spans(id), !spans.isEmpty else { continue }
      costs.append(try await TracingCost.measure(runID: id, spans: spans, scratchStore: scratch))
    }
    if json { return try Output.json(costs) }
    var rows = [["RUN", "SPANS", "RECORD µs", "STORE µs", "ORCHESTRATOR s", "TRACING / ORCH"]]
    for c in costs {
      rows.append([
        c.runID, String(c.spans), String(format: "%.0f", c.recordSeconds * 1e6),
        String(format: "%.0f", c.storeSeconds * 1e6), String(format: "%.2f", c.orchestratorSeconds),
        String(format: "%.4f%%", c.fraction * 100),
      ])
    }
    print(BenchReport.columns(rows), terminator: "")
    let fractions = costs.map(\.fraction).sorted()
    if let worst = fractions.last {
      print(
        String(
          format: "median %.4f%%, worst %.4f%% of orchestrator time (%ld runs)",
          fractions[fractions.count / 2] * 100, worst * 100, costs.count))
    }
  }

  private func list(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty
    }
  }

  static func defaultSuite(install: String) -> String {
    FileManager.default.fileExists(atPath: "examples") ? "examples" : install + "/examples"
  }
}
