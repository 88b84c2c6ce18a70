import ArgumentParser
import AssistKit
import Foundation
import HTTP

/// `assist bench-reconcile` (hidden): reconciliation time without arbiter calls, and the
/// reconciler over a corpus of real merge conflicts, for BENCHMARKS.md.
struct BenchReconcileCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-reconcile",
    abstract: "Time reconciliation and run it over a merge-conflict corpus (benchmark).",
    shouldDisplay: false)

  @Option(help: "Timed runs of the synthetic 10-proposal, 20-file reconciliation.")
  var runs = 51

  @Option(help: "A corpus folder written by scripts/merge-corpus.")
  var corpus: String?

  @Option(help: "With --corpus: also put a sample to the arbiter agent on this OpenAI endpoint.")
  var arbiterURL: String?

  @Option(help: "The model id at --arbiter-url.")
  var arbiterModel = "qwen2.5-coder-1.5b"

  @Option(help: "The folder holding arbiter.md.")
  var agents = "agents"

  @Option(help: "Corpus entries put to the arbiter.")
  var sample = 5

  @Option(help: "Only entries whose three versions have at most this many lines.")
  var maxLines = 40

  func run() async throws {
    let timing = try ReconcileBenchmark.time(runs: runs)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(timing), as: UTF8.self))
    if let corpus {
      let report = try MergeCorpus.run(try MergeCorpus.entries(corpus))
      print(String(decoding: try encoder.encode(report), as: UTF8.self))
      if let arbiterURL {
        let agent = try AgentLibrary(folders: [agents]).agent(
          for: .arbiter)
        let arbiter = ModelArbiter(
          client: ModelClient(transport: try CurlTransport(), variables: [:]),
          tier: Tier(name: "arbiter", model: arbiterModel, endpoints: [arbiterURL]), agent: agent,
          billing: nil)
        let sampled = try await MergeCorpus.arbitrate(
          try MergeCorpus.entries(corpus), arbiter: arbiter, sample: sample, maxLines: maxLines)
        print(String(decoding: try encoder.encode(sampled), as: UTF8.self))
      }
    }
  }
}
