import AssistKit
import AssistTesting
import Foundation
import Synchronization
import Testing

/// The sampling round on the coordinator's real loop: real git, real HTTP to scripted model
/// servers on loopback, the repository's real failing test picking the sample. The bug needs more
/// than one token changed, so the repair round (one-token mutants) cannot fix it first.
@Suite struct SamplingRoundTests {
  typealias Harness = CoordinatorTests.Harness

  static let calc = """
    def clamp(value, low, high):
        if value < low:
            return low
        if value > high:
            return value - 1
        return value

    """
  static let tests = """
    import unittest

    from calc import clamp


    class ClampTests(unittest.TestCase):
        def test_inside(self):
            self.assertEqual(clamp(2, 0, 3), 2)

        def test_above(self):
            self.assertEqual(clamp(5, 0, 3), 3)
            self.assertEqual(clamp(9, 0, 3), 3)


    if __name__ == "__main__":
        unittest.main()

    """
  static let task = "Fix clamp in calc.py: clamp(5, 0, 3) returns 4; it should return 3."
  static let unchanged = "```python\n\(calc)```\n"
  static let fixed =
    "```python\n\(calc.replacingOccurrences(of: "return value - 1", with: "return high"))```\n"

  private func body(_ request: LoopbackServer.Request) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]) ?? [:]
  }

  @Test func whenEveryTierRepeatsItselfIndependentSamplesRunAndTheTestsPickOne() async throws {
    // Both tiers send the function back unchanged on every ladder round (each is left after its
    // second unchanged answer); the 1.5B's first sample is the fix.
    let small = try ScriptedModelServer(replies: [Self.unchanged])
    let medium = try ScriptedModelServer(replies: [Self.unchanged, Self.unchanged, Self.fixed])
    let harness = try Harness(
      smallURL: small.url, mediumURL: medium.url,
      files: ["calc.py": Self.calc, "test_calc.py": Self.tests])
    let report = try await harness.run(TaskOptions(task: Self.task, singleAgent: true))

    #expect(report.run.status == .proposed, "\(harness.events.lines.withLock { $0 })")
    let result = try #require(report.results.first)
    #expect(result.tier == "local-medium")
    let accepted = try #require(result.attempts.last)
    #expect(accepted.accepted)
    #expect(accepted.strategy == .sample)
    #expect(medium.requests.count == 3)
    // The ladder's rounds came first: two per tier, none of them a sample.
    let ladder = result.attempts.filter { $0.strategy != .sample }
    #expect(ladder.count == 4)
    #expect(Set(ladder.map(\.tier)) == ["local-small", "local-medium"])
    // Samples are hot, seeded differently, and every other one asks for the faulty line first.
    let samples = small.requests.dropFirst(2) + medium.requests.dropFirst(2)
    #expect(samples.count >= 2)
    let seeds = samples.compactMap { body($0)["seed"] as? Int }
    #expect(seeds.count == samples.count && Set(seeds).count == seeds.count)
    #expect(samples.allSatisfy { (body($0)["temperature"] as? Double) == 0.8 })
    let asked = samples.map { String(decoding: $0.body, as: UTF8.self) }
    #expect(asked.contains { $0.contains("which line gives the wrong result") })
    #expect(asked.contains { !$0.contains("which line gives the wrong result") })
    #expect(
      harness.events.lines.withLock { $0 }.contains {
        $0.hasPrefix("notice s1: 6 independent samples on ")
      })
    // What lands is the fix, and the cascade's numbers credit the round.
    let change = try #require(result.changes.first)
    #expect(change.new?.contains("return high") == true)
    #expect(CascadeNumbers(results: report.results).acceptedBy == ["sample": 1])
  }

  @Test func samplesThatAllFailEndTheSubtaskWithTheUsualReport() async throws {
    let small = try ScriptedModelServer(replies: [Self.unchanged])
    let medium = try ScriptedModelServer(replies: [Self.unchanged])
    let harness = try Harness(
      smallURL: small.url, mediumURL: medium.url,
      files: ["calc.py": Self.calc, "test_calc.py": Self.tests])
    let report = try await harness.run(TaskOptions(task: Self.task, singleAgent: true))

    #expect(report.run.status == .failed)
    let result = try #require(report.results.first)
    #expect(result.detail.hasPrefix("no tier could do this (tried "), "\(result.detail)")
    let samples = result.attempts.filter { $0.strategy == .sample }
    #expect(samples.count == 6)
    // Repeats are not run through the tests again.
    #expect(samples.allSatisfy { $0.stage != "tests" && $0.duplicate == true })
    #expect(small.requests.count + medium.requests.count == 4 + 6)
  }

  @Test func aPolicyLimitsTheRound() throws {
    let policy = try RoutingPolicy.parse(
      "retry:\n  samples: 0\n  sample_temperature: 1.2\n", file: "p.yaml")
    #expect(policy.retry.samples == 0)
    #expect(policy.retry.sampleTemperature == 1.2)
    let error = #expect(throws: ConfigError.self) {
      try RoutingPolicy.parse("retry:\n  samples: 100\n", file: "p.yaml")
    }
    #expect(error?.message == "samples must be between 0 and 32")
  }
}
