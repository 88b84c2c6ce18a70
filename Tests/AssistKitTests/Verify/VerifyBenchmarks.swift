import AssistKit
import AssistTesting
import Foundation
import Testing

/// `ASSIST_BENCH_VERIFY=1 swift test --skip-build --filter VerifyBenchmarks`: the cost of
/// verification on the shipped examples, printed as a Markdown table for BENCHMARKS.md.
///
/// Serialized so the timings do not share the two cores with each other.
@Suite(
  .serialized, .enabled(if: ProcessInfo.processInfo.environment["ASSIST_BENCH_VERIFY"] != nil))
struct VerifyBenchmarks {
  static let rounds = 7

  private static func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
  }

  private static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
  }

  private static func time(_ body: () async throws -> Void) async rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try await body()
    return milliseconds(clock.now - start)
  }

  @Test func examples() async throws {
    let verifier = Verifier(environment: ProcessInfo.processInfo.environment, timeout: .seconds(60))
    var rows: [String] = [
      "| example | command (discovered) | scratch + spawn `true` ms | test run ms | "
        + "baseline status | output bytes | feedback chars (500-token budget) |",
      "|---|---|---:|---:|---|---:|---:|",
    ]
    let names = try FileManager.default.contentsOfDirectory(atPath: ExampleSuiteTests.examples)
      .filter { !$0.hasSuffix(".md") }.sorted()
    let pytest = await ToolProbe.pytestAvailable(environment: ProcessInfo.processInfo.environment)
    var jobs: [(name: String, command: String)] = []
    for name in names {
      let repo = try ExampleSuiteTests.repository(of: name)
      if let found = TestCommandDiscovery.discover(in: repo.path, pytestAvailable: pytest).command {
        jobs.append((name, found.command))
        // The same unittest-style suite under pytest, for the side-by-side cost.
        if pytest, name == "py-textkit" { jobs.append((name, "python3 -m pytest -q")) }
      }
    }
    for (name, command) in jobs {
      let repo = try ExampleSuiteTests.repository(of: name)
      var overhead: [Double] = []
      var runs: [Double] = []
      var last: VerificationResult?
      for _ in 0..<Self.rounds {
        overhead.append(
          try await Self.time { _ = try await verifier.run("true", repository: repo.path) })
        runs.append(
          try await Self.time { last = try await verifier.run(command, repository: repo.path) })
      }
      let result = try #require(last)
      let rendered = TestFeedback.render(result, tokenBudget: 500)
      let feedback = result.passed ? 0 : rendered.count
      if ProcessInfo.processInfo.environment["ASSIST_BENCH_VERIFY"] == "show" {
        print("--- \(name)\n\(rendered)\n---")
      }
      rows.append(
        "| \(name) | `\(command)` | \(String(format: "%.0f", Self.median(overhead))) | "
          + "\(String(format: "%.0f", Self.median(runs))) | \(result.status.rawValue) "
          + "(\(result.failingTests.count) failing) | \(result.output.utf8.count) | \(feedback) |")
    }
    print(rows.joined(separator: "\n"))
  }

  @Test func baselineCache() async throws {
    let repo = try ExampleSuiteTests.repository(of: "py-textkit")
    let verifier = Verifier(environment: ProcessInfo.processInfo.environment, timeout: .seconds(60))
    let candidates = 5
    let candidate = VerificationCandidate(files: [
      .init(path: "notes.txt", content: "a candidate that changes nothing tested\n")
    ])
    var cached: [Double] = []
    var uncached: [Double] = []
    for _ in 0..<3 {
      cached.append(
        try await Self.time {
          let baseline = VerificationBaseline(verifier: verifier)
          for _ in 0..<candidates {
            _ = try await baseline.verify(
              candidate, command: "python3 -m unittest", repository: repo.path)
          }
        })
      uncached.append(
        try await Self.time {
          for _ in 0..<candidates {
            _ = try await VerificationBaseline(verifier: verifier).verify(
              candidate, command: "python3 -m unittest", repository: repo.path)
          }
        })
    }
    let (with, without) = (Self.median(cached), Self.median(uncached))
    print(
      "| \(candidates) candidates on py-textkit | baseline cached: \(String(format: "%.0f", with)) ms"
        + " | baseline per candidate: \(String(format: "%.0f", without)) ms | ratio "
        + "\(String(format: "%.2f", without / with)) |")
  }
}
