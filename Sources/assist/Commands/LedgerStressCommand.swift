import ArgumentParser
import AssistKit
import Foundation

/// `assist ledger-stress` (hidden): one of several processes hammering one ledger, for the
/// concurrency test and by hand. Prints `reserved refused` counts on one line.
struct LedgerStressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ledger-stress",
    abstract: "Reserve and settle paid calls against one store as fast as possible (testing).",
    shouldDisplay: false)

  @Option(help: "The store file.")
  var store: String

  @Option(name: .customLong("run"), help: "The run id the calls are billed to.")
  var runID = "stress"

  @Option(help: "Per-day cap in dollars.")
  var dayCap: Double

  @Option(help: "Per-task cap in dollars.")
  var taskCap: Double?

  @Option(help: "Attempts to make.")
  var calls = 20

  @Option(help: "Prompt tokens per call (at $3/M).")
  var promptTokens = 1000

  @Option(help: "max_tokens per call (at $15/M); every call uses all of them.")
  var maxTokens = 500

  @Option(help: "Start at this Unix time (seconds), so that processes start together.")
  var startAt: Double?

  func run() throws {
    let ledger = BudgetLedger(
      store: try Store(path: store), caps: BudgetCaps(perTask: taskCap, perDay: dayCap),
      counterfactualPrice: .init(input: 3, output: 15))
    let tier = Tier(
      name: "cloud", api: .anthropic, model: "stress", endpoints: ["http://127.0.0.1:9"],
      apiKeyEnvironment: "STRESS_KEY", price: .init(input: 3, output: 15, cached: 0.3))
    if let startAt {
      let wait = startAt - Date().timeIntervalSince1970
      if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    }
    var reserved = 0
    var refused = 0
    for _ in 0..<calls {
      let call = PlannedCall(
        runID: runID, agent: "stress", tier: tier, promptTokens: promptTokens,
        maxTokens: maxTokens)
      switch try ledger.reserve(call) {
      case .reserved(let reservation):
        reserved += 1
        try ledger.settle(reservation, usage: .init(input: promptTokens, output: maxTokens))
      case .refused:
        refused += 1
      }
    }
    print("\(reserved) \(refused)")
  }
}
