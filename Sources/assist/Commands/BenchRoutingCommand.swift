import ArgumentParser
import AssistKit
import Foundation

/// `assist bench-routing` (hidden): routing decision latency, p50/p99, for BENCHMARKS.md.
struct BenchRoutingCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-routing",
    abstract: "Time routing decisions over a mix of sub-tasks (benchmark).",
    shouldDisplay: false)

  @Option(help: "The routing policy file (default: the built-in policy).")
  var policy: String?

  @Option(help: "Decisions to time.")
  var decisions = 100_000

  @Option(
    help:
      "Also time store-backed decisions (history read, spend read, decision written) on a store here."
  )
  var store: String?

  @Option(help: "Store-backed decisions to time.")
  var storeDecisions = 2000

  @Flag(help: "Print as JSON.")
  var json = false

  func run() throws {
    let loaded = try policy.map { try RoutingPolicy.load(file: $0) } ?? RoutingPolicy()
    let result = RoutingBenchmark.run(policy: loaded, decisions: decisions)
    let stored = try store.map {
      try RoutingBenchmark.runWithStore(
        policy: loaded, store: try Store(path: $0), decisions: storeDecisions)
    }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(["pure": result, "store": stored]), as: UTF8.self))
      return
    }
    Self.show("Router.route (pure)", result)
    if let stored {
      Self.show("RoutingContext.route (store: read history + spend, write decision)", stored)
    }
  }

  private static func show(_ title: String, _ result: RoutingBenchmark.Result) {
    func us(_ value: Double) -> String { String(format: "%.2f µs", value) }
    print("\(title): \(result.decisions) decisions")
    print(
      "  p50: \(us(result.p50Microseconds))  p99: \(us(result.p99Microseconds))  "
        + "max: \(us(result.maxMicroseconds))")
    print(
      "  chosen: "
        + result.chosen.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        .joined(separator: " "))
  }
}
