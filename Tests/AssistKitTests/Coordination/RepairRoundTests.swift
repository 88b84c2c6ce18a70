import AssistKit
import AssistTesting
import Foundation
import Synchronization
import Testing

/// The repair round on the coordinator's real loop: real git, the repository's real failing
/// unittest, scripted model servers on loopback that must not be asked when a one-token change
/// fixes the bug.
@Suite struct RepairRoundTests {
  typealias Harness = CoordinatorTests.Harness

  static let calc = """
    def clamp(value, low, high):
        if value < low:
            return low
        if value > high:
            return low
        return value

    """
  static let tests = """
    import unittest

    from calc import clamp


    class ClampTests(unittest.TestCase):
        def test_inside(self):
            self.assertEqual(clamp(2, 0, 3), 2)

        def test_below(self):
            self.assertEqual(clamp(-4, 0, 3), 0)

        def test_above(self):
            self.assertEqual(clamp(5, 0, 3), 3)


    if __name__ == "__main__":
        unittest.main()

    """
  static let task = "Fix clamp in calc.py: clamp(5, 0, 3) returns 0; it should return 3."

  @Test func aOneTokenBugIsFixedByTheTestsWithNoModelCall() async throws {
    let small = try ScriptedModelServer(replies: ["```python\nwrong\n```\n"])
    let medium = try ScriptedModelServer(replies: ["```python\nwrong\n```\n"])
    let harness = try Harness(
      smallURL: small.url, mediumURL: medium.url,
      files: ["calc.py": Self.calc, "test_calc.py": Self.tests])
    let report = try await harness.run(TaskOptions(task: Self.task, singleAgent: true))

    let lines = harness.events.lines.withLock { $0 }
    #expect(report.run.status == .proposed, "\(lines)")
    #expect(small.requests.isEmpty && medium.requests.isEmpty)
    let result = try #require(report.results.first)
    #expect(result.tier == "tool")
    #expect(result.attempts.isEmpty)
    #expect(result.detail.hasPrefix("fixed with no model: mutant "), "\(result.detail)")
    #expect(result.detail.contains("`return low` → `return high`"), "\(result.detail)")
    let change = try #require(result.changes.first)
    #expect(
      change.new
        == Self.calc.replacingOccurrences(
          of: "        return low\n    return value", with: "        return high\n    return value")
    )
    #expect(lines.contains { $0.hasPrefix("notice s1: trying up to ") })
    // Nothing touched the user's tree: the fix is a proposal to review.
    #expect(try harness.repo.git("status", "--porcelain").isEmpty)
  }

  @Test func aBugNoOneTokenChangeFixesGoesToTheModelsAndSaysSo() async throws {
    let calc = Self.calc.replacingOccurrences(
      of: "        return low\n    return value", with: "        return value - 1\n    return value"
    )
    let tests = Self.tests.replacingOccurrences(
      of: "self.assertEqual(clamp(5, 0, 3), 3)",
      with: "self.assertEqual(clamp(5, 0, 3), 3)\n        self.assertEqual(clamp(9, 0, 3), 3)")
    let fixed =
      "```python\n\(calc.replacingOccurrences(of: "return value - 1", with: "return high"))```\n"
    let small = try ScriptedModelServer(replies: [fixed])
    let medium = try ScriptedModelServer(replies: ["unused"])
    let harness = try Harness(
      smallURL: small.url, mediumURL: medium.url,
      files: ["calc.py": calc, "test_calc.py": tests])
    let report = try await harness.run(
      TaskOptions(
        task: "Fix clamp in calc.py: clamp(9, 0, 3) returns 8; it should return 3.",
        singleAgent: true))

    let lines = harness.events.lines.withLock { $0 }
    #expect(report.run.status == .proposed, "\(lines)")
    let result = try #require(report.results.first)
    #expect(result.tier == "local-small", "\(result.detail)")
    #expect(small.requests.count == 1)
    #expect(lines.contains { $0.hasPrefix("notice s1: no one-token change passed the tests (") })
  }
}
