import ArgumentParser
import AssistKit
import Foundation

/// `assist bench-reconcile` (hidden): reconciliation time without arbiter calls, and the
/// reconciler over a corpus of real merge conflicts, for BENCHMARKS.md.
struct BenchReconcileCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-reconcile",
    abstract: "Time reconciliation and run it over a merge-conflict corpus (benchmark).",
    shouldDisplay: false)

  @Option(help: "Timed runs of the synthetic 10-proposal, 20-file reconciliation.")
  var runs = 51

  @Option(help: "A corpus folder written by scripts/merge-corpus.")
  var corpus: String?

  func run() throws {
    let timing = try ReconcileBenchmark.time(runs: runs)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(timing), as: UTF8.self))
    if let corpus {
      let report = try MergeCorpus.run(try MergeCorpus.entries(corpus))
      print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
  }
}
