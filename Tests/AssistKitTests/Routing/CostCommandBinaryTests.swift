import AssistKit
import AssistTesting
import Foundation
import Testing

/// `assist cost` run as a process against a store in a temporary XDG_STATE_HOME.
@Suite struct CostCommandBinaryTests {
  typealias F = RoutingFixtures

  private func run(_ arguments: [String], state: String) throws -> (Int32, String, String) {
    let binary = try #require(LedgerConcurrencyTests.binary)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_STATE_HOME"] = state
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, stdout, stderr)
  }

  @Test(.enabled(if: LedgerConcurrencyTests.binary != nil, "needs the built assist binary"))
  func costSummarisesTheLedgerByDayTierAndAgent() throws {
    let state = FileManager.default.temporaryDirectory
      .appendingPathComponent("cost-\(UUID().uuidString)").path
    let (emptyStatus, empty, _) = try run(["cost"], state: state)
    #expect(emptyStatus == 0)
    #expect(empty == "no model calls recorded\n")
    let store = try Store(path: state + "/assist/assist.sqlite")
    let ledger = BudgetLedger(store: store, caps: .none, counterfactualPrice: F.cloud.price)
    for (tier, agent, at) in [
      (F.small, "migration", F.noon.addingTimeInterval(-86_400)), (F.cloud, "design", F.noon),
    ] {
      let call = PlannedCall(
        runID: "r1", agent: agent, tier: tier, promptTokens: 1000, maxTokens: 500)
      let r = try #require(try ledger.reserve(call, now: at).reservation)
      try ledger.settle(r, usage: .init(input: 1000, output: 500), now: at)
    }
    let (status, text, _) = try run(["cost"], state: state)
    #expect(status == 0)
    #expect(
      text.hasPrefix(
        "2 calls, 2000 tokens in, 1000 out: spent $0.0105, all-cloud would have cost $0.0210, "
          + "saved $0.0105 (50%)\n"))
    #expect(text.contains("\nDAY         CALLS"))
    #expect(text.contains("2026-11-22      1"))
    #expect(text.contains("local-small      1"))
    let (_, json, _) = try run(["cost", "--json", "--since", "2026-11-23"], state: state)
    let report = try JSONDecoder.iso8601.decode(CostReport.self, from: Data(json.utf8))
    #expect(report.total.calls == 1)
    #expect(report.byAgent.map(\.key) == ["design"])
    let (badStatus, _, error) = try run(["cost", "--since", "yesterday"], state: state)
    #expect(badStatus == 64)
    #expect(error.contains("--since must be a UTC day as YYYY-MM-DD"))
  }
}

extension JSONDecoder {
  fileprivate static var iso8601: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }
}
