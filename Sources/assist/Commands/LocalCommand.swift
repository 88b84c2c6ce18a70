import ArgumentParser
import AssistKit
import Foundation

/// `assist local start|stop|status`: the bundled llama.cpp servers.
struct LocalCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "local",
    abstract: "Start, stop and inspect the bundled local model servers.",
    discussion: """
      Each local tier (local-small: Qwen2.5-Coder 0.5B, local-medium: 1.5B, both Q4_K_M) runs in \
      its own llama.cpp server on 127.0.0.1, started in the background and left running until \
      `assist local stop`. Models come from scripts/setup.
      """,
    subcommands: [Start.self, Stop.self, Status.self])

  /// `assist local start [TIER...]`.
  struct Start: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Start local tiers' servers and wait until they answer.")

    @Argument(help: "Tiers to start (default: every local tier).")
    var tiers: [String] = []

    @Flag(help: "Print the started servers as JSON.")
    var json = false

    func run() async throws {
      let environment = try LiveEnvironment.make()
      let config = try LiveEnvironment.config(environment)
      let manager = LocalServerManager(paths: environment.paths, transport: environment.transport)
      var records: [LocalServerRecord] = []
      for tier in try LocalCommand.select(tiers, from: config) {
        let clock = ContinuousClock()
        let started = clock.now
        if !json {
          Output.progress("starting \(tier.name) (\(tier.model)) on port \(tier.local?.port ?? 0)…")
        }
        let record = try await manager.start(tier)
        records.append(record)
        if !json {
          let seconds = (clock.now - started).formatted(
            .units(allowed: [.seconds], fractionalPart: .show(length: 1)))
          print("\(tier.name): healthy at \(record.url) (pid \(record.pid), ready in \(seconds))")
        }
      }
      if json { try Output.json(records) }
    }
  }

  /// `assist local stop [TIER...]`.
  struct Stop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stop local tiers' servers.")

    @Argument(help: "Tiers to stop (default: every local tier).")
    var tiers: [String] = []

    func run() async throws {
      let environment = try LiveEnvironment.make()
      let config = try LiveEnvironment.config(environment)
      let manager = LocalServerManager(paths: environment.paths, transport: environment.transport)
      for tier in try LocalCommand.select(tiers, from: config) {
        let stopped = await manager.stop(tier: tier.name)
        print("\(tier.name): \(stopped ? "stopped" : "was not running")")
      }
    }
  }

  /// `assist local status`.
  struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show each local tier's server: model, quantization, context, slots, health.")

    @Flag(help: "Print as JSON.")
    var json = false

    func run() async throws {
      let environment = try LiveEnvironment.make()
      let config = try LiveEnvironment.config(environment)
      let manager = LocalServerManager(paths: environment.paths, transport: environment.transport)
      var statuses: [LocalServerStatus] = []
      for tier in config.localTiers { statuses.append(await manager.status(tier)) }
      if json { return try Output.json(statuses) }
      var rows = [["TIER", "STATE", "PORT", "PID", "QUANT", "CONTEXT", "SLOTS", "MODEL"]]
      for s in statuses {
        rows.append([
          s.tier, s.state.rawValue, String(s.port), s.pid.map(String.init) ?? "-",
          s.quantization ?? "?", String(s.contextSize), String(s.slots),
          (s.modelPath as NSString).lastPathComponent,
        ])
      }
      Output.table(rows)
      for s in statuses { if let note = s.note { print("\(s.tier): \(note)") } }
    }
  }

  /// The named local tiers, or all of them.
  static func select(_ names: [String], from config: AssistConfig) throws -> [Tier] {
    guard !names.isEmpty else { return config.localTiers }
    return try names.map { name in
      guard let tier = config.localTiers.first(where: { $0.name == name }) else {
        let known = config.localTiers.map(\.name).joined(separator: ", ")
        throw ValidationError("no local tier named '\(name)' (local tiers: \(known))")
      }
      return tier
    }
  }
}
