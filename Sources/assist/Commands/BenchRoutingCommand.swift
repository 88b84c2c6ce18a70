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

  @Flag(help: "Print as JSON.")
  var json = false

  func run() throws {
    let loaded = try policy.map { try RoutingPolicy.load(file: $0) } ?? RoutingPolicy()
    let result = RoutingBenchmark.run(policy: loaded, decisions: decisions)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(result), as: UTF8.self))
      return
    }
    func us(_ value: Double) -> String { String(format: "%.2f µs", value) }
    print("decisions: \(result.decisions)")
    print(
      "p50: \(us(result.p50Microseconds))  p99: \(us(result.p99Microseconds))  "
        + "max: \(us(result.maxMicroseconds))")
    print(
      "chosen: "
        + result.chosen.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        .joined(separator: " "))
  }
}
