import AssistKit
import Foundation
import Testing

/// `assist bench --replay`: re-pricing recorded runs equals pricing them directly.
@Suite struct BenchReplayTests {
  static let calls: [BenchResult.Call] = [
    .init(tier: "local-small", inputTokens: 1200, outputTokens: 300, classification: .coordination),
    .init(tier: "local-medium", inputTokens: 2500, outputTokens: 640, classification: .work),
    .init(
      tier: "cloud", inputTokens: 900, outputTokens: 150, cachedTokens: 4000,
      classification: .work),
  ]

  static func result(policy: String = "hybrid") -> BenchResult {
    var overhead = Overhead(spans: [])
    overhead.workTokens = 2500 + 640 + 5050
    overhead.coordinationTokens = 1500
    return BenchResult(
      task: "py-textkit/fix-slugify-case", category: "bugfix", topology: "multi", policy: policy,
      success: true, detail: "check passed", calls: calls, cost: 123, counterfactualCost: 456,
      wallSeconds: 42, overhead: overhead)
  }

  static let tiers = [
    Tier(name: "local-small", model: "s", endpoints: []),
    Tier(name: "local-medium", model: "m", endpoints: [], price: .init(input: 0.1, output: 0.2)),
    Tier(name: "cloud", model: "c", endpoints: [], price: .init(input: 3, output: 15, cached: 0.3)),
  ]

  @Test func repricingEqualsDirectComputation() throws {
    let replay = BenchReplay(
      prices: Dictionary(uniqueKeysWithValues: Self.tiers.map { ($0.name, $0.price) }),
      counterfactual: Self.tiers[2].price)
    let repriced = replay.reprice(Self.result())
    var direct = 0.0
    for call in Self.calls {
      let tier = try #require(Self.tiers.first { $0.name == call.tier })
      direct += tier.cost(
        input: call.inputTokens, output: call.outputTokens, cached: call.cachedTokens)
    }
    #expect(abs(repriced.cost - direct) < 1e-12)
    let cloud = Self.tiers[2]
    let counterfactual = Self.calls.reduce(0.0) {
      $0 + cloud.cost(input: $1.inputTokens, output: $1.outputTokens, cached: $1.cachedTokens)
    }
    #expect(abs(repriced.counterfactualCost - counterfactual) < 1e-12)
    #expect(abs(repriced.overhead.workCost + repriced.overhead.coordinationCost - direct) < 1e-12)
    #expect(repriced.overhead.coordinationCost == 0)  // the only coordination call is free
    // Tokens, success and time are untouched.
    #expect(
      repriced.tokens == Self.result().tokens && repriced.success && repriced.wallSeconds == 42)
  }

  @Test func replayingAPolicyPricesEveryCallAsThatTier() {
    let replay = BenchReplay(
      prices: ["cloud": Self.tiers[2].price], counterfactual: Self.tiers[2].price, playAs: "cloud")
    let repriced = replay.reprice(Self.result())
    #expect(abs(repriced.cost - repriced.counterfactualCost) < 1e-12)
    #expect(repriced.cost > 0)
    #expect(repriced.policy == "hybrid (replayed as cloud)")
  }

  @Test func priceTableFromYAML() throws {
    let file = NSTemporaryDirectory() + "assist-prices-\(UUID().uuidString.prefix(8)).yaml"
    defer { try? FileManager.default.removeItem(atPath: file) }
    try """
    local-medium: {input: 0.1, output: 0.2}
    cloud: {input: 3.0, output: 15.0, cached: 0.3}
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let replay = try BenchReplay(pricesFile: file)
    #expect(replay.prices["cloud"] == Tier.Price(input: 3, output: 15, cached: 0.3))
    #expect(replay.counterfactual == Tier.Price(input: 3, output: 15, cached: 0.3))
    let record = BenchRecord(
      command: "assist bench", started: "t", machine: "m", results: [Self.result()])
    let repriced = replay.reprice(record, describedAs: "test")
    #expect(repriced.repricedWith == "test")
    #expect(abs(repriced.results[0].cost - replay.reprice(Self.result()).cost) < 1e-12)
    try "cloud: {input: 3, outptu: 15}\n".write(toFile: file, atomically: true, encoding: .utf8)
    #expect(throws: ConfigError.self) { try BenchReplay(pricesFile: file) }
    #expect(throws: ConfigError.self) { try BenchReplay(pricesFile: file, playAs: "nowhere") }
  }

  @Test func reportIsSelfContainedWithCharts() {
    var local = Self.result(policy: "local-only")
    local.success = false
    var cloud = Self.result(policy: "cloud-only")
    cloud.cloudPlayedBy = "local-medium"
    let record = BenchRecord(
      command: "assist bench --tasks x", started: "t", machine: "m <2 cores>",
      results: [local, cloud, Self.result()])
    let html = BenchReport.html(record)
    #expect(html.components(separatedBy: "<svg").count - 1 == 2)
    #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
    #expect(html.contains("cloud played by local-medium"))
    #expect(html.contains("m &lt;2 cores&gt;"))
    let summary = BenchSummary(record.results)
    #expect(summary.groups.map(\.successes) == [0, 1, 1])
    #expect(summary.groups[0].counterfactualPerSuccess == nil)
    let table = BenchReport.table(record)
    #expect(table.contains("multi · cloud-only (cloud played by local-medium)"))
  }
}
