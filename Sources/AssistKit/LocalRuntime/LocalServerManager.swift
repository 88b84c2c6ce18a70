internal import Foundation
package import HTTP
internal import Subprocess
internal import SystemPackage

/// Starts, watches and stops the bundled llama.cpp servers (xllamacpp), one per local tier.
///
/// Servers outlive the `assist` process that started them; a JSON record per tier in the state
/// directory says which pid and port belong to assist, so `stop` never kills a stranger.
package struct LocalServerManager: Sendable {
  /// Where models, records and the runtime live.
  package var paths: AssistPaths
  /// Used for `/health` and `/props`.
  package var transport: any HTTPTransport
  /// How long `start` waits for `/health`.
  package var startTimeout: Duration

  /// Creates a manager.
  package init(
    paths: AssistPaths, transport: any HTTPTransport, startTimeout: Duration = .seconds(120)
  ) {
    self.paths = paths
    self.transport = transport
    self.startTimeout = startTimeout
  }

  /// The absolute path of `tier`'s model file.
  package func modelPath(for server: Tier.LocalServer) -> String {
    server.modelFile.hasPrefix("/")
      ? server.modelFile : paths.modelsDirectory + "/" + server.modelFile
  }

  private func recordPath(_ tier: String) -> String { paths.serversDirectory + "/\(tier).json" }

  /// The record of `tier`'s server, if assist started one.
  package func record(for tier: String) -> LocalServerRecord? {
    guard let data = FileManager.default.contents(atPath: recordPath(tier)) else { return nil }
    return try? JSONDecoder().decode(LocalServerRecord.self, from: data)
  }

  /// Starts `tier`'s server unless it already runs, and waits until it is healthy.
  /// - Returns: The server's record.
  /// - Throws: ``LocalRuntimeError`` naming the cause: model file, runtime, port, crash or timeout.
  package func start(_ tier: Tier) async throws -> LocalServerRecord {
    guard let server = tier.local else { throw LocalRuntimeError.notLocal(tier: tier.name) }
    if let existing = record(for: tier.name), ProcessControl.isAlive(existing.pid),
      await isHealthy(port: existing.port)
    {
      return existing
    }
    let model = modelPath(for: server)
    _ = try GGUFHeader.read(path: model)  // a missing or truncated file fails here, clearly
    if let draft = server.speculative?.draftModelFile {
      _ = try GGUFHeader.read(path: modelPath(for: .init(modelFile: draft, port: 0)))
    }
    if ProcessControl.isListening(port: server.port) {
      throw LocalRuntimeError.portInUse(port: server.port, tier: tier.name)
    }
    let python =
      FileManager.default.isExecutableFile(atPath: paths.runtimePython)
      ? paths.runtimePython : "/usr/bin/python3"
    try FileSystem.makeDirectory(paths.serversDirectory)
    let log = paths.serversDirectory + "/\(tier.name).log"
    let script = paths.installDirectory + "/share/llama_server.py"
    let speculation = server.speculative.map { speculative in
      speculative.launcherArguments(
        draftPath: speculative.draftModelFile.map { modelPath(for: .init(modelFile: $0, port: 0)) })
    }
    let flags: [String] = [
      "--model", model, "--alias", tier.model, "--port", String(server.port),
      "--ctx", String(server.context), "--slots", String(tier.slots),
      "--threads", String(server.threads),
    ]
    // setsid detaches the server from this process group so it outlives `assist local start`.
    let launch = try await Subprocess.run(
      .path("/bin/sh"),
      arguments: Arguments(
        ["-c", "setsid \"$0\" \"$@\" >\"$LOG\" 2>&1 </dev/null & echo $!", python, script]
          + flags + (speculation ?? [])),
      environment: .inherit.updating(["LOG": log]),
      output: .string(limit: 64))
    let printed = launch.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    guard let pid = Int32(printed) else { throw LocalRuntimeError.runtimeMissing(python: python) }
    let record = LocalServerRecord(
      tier: tier.name, pid: pid, port: server.port, modelPath: model, logPath: log,
      startedAt: Date().timeIntervalSince1970)
    try JSONEncoder().encode(record).write(to: URL(fileURLWithPath: recordPath(tier.name)))

    let deadline = ContinuousClock.now + startTimeout
    while ContinuousClock.now < deadline {
      if !ProcessControl.isAlive(pid) {
        try? FileManager.default.removeItem(atPath: recordPath(tier.name))
        let tail = Self.lastLine(ofFile: log)
        if tail.contains("No module named 'xllamacpp'") {
          throw LocalRuntimeError.runtimeMissing(python: python)
        }
        throw LocalRuntimeError.exitedDuringStart(tier: tier.name, logTail: tail, log: log)
      }
      if await isHealthy(port: server.port) { return record }
      try await Task.sleep(for: .milliseconds(250))
    }
    await stop(record)
    throw LocalRuntimeError.startTimedOut(
      tier: tier.name, seconds: Int(startTimeout.components.seconds), log: log)
  }

  /// Stops `tier`'s server if assist started it.
  /// - Returns: Whether a running server was stopped.
  @discardableResult
  package func stop(tier: String) async -> Bool {
    guard let record = record(for: tier) else { return false }
    return await stop(record)
  }

  @discardableResult
  private func stop(_ record: LocalServerRecord) async -> Bool {
    defer { try? FileManager.default.removeItem(atPath: recordPath(record.tier)) }
    // Only signal the pid if it is still our server: pids are recycled.
    guard ProcessControl.isAlive(record.pid),
      ProcessControl.commandLine(record.pid)?.contains("llama_server.py") == true
    else { return false }
    ProcessControl.send(ProcessControl.terminate, to: record.pid)
    for _ in 0..<100 where ProcessControl.isAlive(record.pid) {
      try? await Task.sleep(for: .milliseconds(100))
    }
    if ProcessControl.isAlive(record.pid) {
      ProcessControl.send(ProcessControl.forceKill, to: record.pid)
      for _ in 0..<20 where ProcessControl.isAlive(record.pid) {
        try? await Task.sleep(for: .milliseconds(100))
      }
    }
    return true
  }

  /// The state of `tier`'s server, asking it for its context and slots when it runs.
  package func status(_ tier: Tier) async -> LocalServerStatus {
    let server = tier.local ?? .init(modelFile: "", port: 0)
    let model = modelPath(for: server)
    let header = try? GGUFHeader.read(path: model)
    var status = LocalServerStatus(
      tier: tier.name, state: .stopped, pid: nil, port: server.port, modelPath: model,
      quantization: header?.quantization, quantizationBits: header?.nominalBits,
      contextSize: server.context, slots: tier.slots, note: nil)
    if header == nil { status.note = "model file missing or unreadable; run scripts/setup" }
    guard let record = record(for: tier.name) else { return status }
    guard ProcessControl.isAlive(record.pid) else {
      status.state = .crashed
      status.note =
        "the server exited: \(Self.lastLine(ofFile: record.logPath)) (log: \(record.logPath))"
      return status
    }
    status.pid = record.pid
    guard await isHealthy(port: record.port) else {
      status.state = .unresponsive
      status.note = "pid \(record.pid) runs but does not answer /health (log: \(record.logPath))"
      return status
    }
    status.state = .healthy
    if let props = await json(port: record.port, path: "/props") {
      if let ctx = (props["default_generation_settings"] as? [String: Any])?["n_ctx"] as? Int {
        status.contextSize = ctx
      }
      if let slots = props["total_slots"] as? Int { status.slots = slots }
    }
    return status
  }

  /// Whether `/health` on `port` answers 200 within two seconds.
  package func isHealthy(port: Int) async -> Bool {
    await TierCatalog.isHealthy("http://127.0.0.1:\(port)", transport: transport)
  }

  private func json(port: Int, path: String) async -> [String: Any]? {
    let request = HTTPRequest(
      url: "http://127.0.0.1:\(port)\(path)",
      timeouts: .init(connect: .seconds(1), stall: .seconds(5), total: .seconds(5)))
    guard let response = try? await transport.send(request), response.status == 200,
      let body = try? await response.collect(upTo: 4 << 20)
    else { return nil }
    return (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
  }

  /// The last non-empty line of a log, trimmed of llama.cpp's timestamp prefix.
  static func lastLine(ofFile path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { return "(no log)" }
    let lines = String(decoding: data.suffix(8192), as: UTF8.self)
      .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
    return lines.last { !$0.isEmpty } ?? "(empty log)"
  }
}
