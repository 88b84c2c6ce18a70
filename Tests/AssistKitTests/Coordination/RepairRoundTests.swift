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

  @Test func aBugInANestedHelperIsFoundWhereTheTracebackPoints() async throws {
    // Two functions (the named one and its nested helper) make localization undecided; the
    // round still works on its best place, and the RecursionError's frames rank the helper's
    // lines first.
    let search = """
      def find(arr, x):
          def between(start, end):
              if start == end:
                  return -1
              mid = start + (end - start) // 2
              if x < arr[mid]:
                  return between(start, mid)
              elif x > arr[mid]:
                  return between(mid, end)
              return mid

          return between(0, len(arr))

      """
    let tests = """
      import unittest

      from search import find


      class FindTests(unittest.TestCase):
          def test_found(self):
              self.assertEqual(find([1, 2, 3, 4], 3), 2)
              for i, x in enumerate([1, 2, 3, 4, 5, 6, 7]):
                  self.assertEqual(find([1, 2, 3, 4, 5, 6, 7], x), i)

          def test_missing(self):
              self.assertEqual(find([1, 2, 3, 4, 6], 5), -1)
              self.assertEqual(find([1, 2, 3, 4, 6], 0), -1)


      if __name__ == "__main__":
          unittest.main()

      """
    let small = try ScriptedModelServer(replies: ["```python\nwrong\n```\n"])
    let medium = try ScriptedModelServer(replies: ["```python\nwrong\n```\n"])
    let harness = try Harness(
      smallURL: small.url, mediumURL: medium.url,
      files: ["search.py": search, "test_search.py": tests])
    let report = try await harness.run(
      TaskOptions(
        task: "Fix the bug in find: find([1, 2, 3, 4, 6], 5) fails with a RecursionError.",
        singleAgent: true))

    let result = try #require(report.results.first)
    #expect(result.tier == "tool", "\(result.detail)")
    #expect(small.requests.isEmpty && medium.requests.isEmpty)
    #expect(
      result.changes.first?.new?.contains("return between(mid + 1, end)") == true,
      "\(result.detail)")
  }

  @Test func aMutantThatFixesOnlyPartOfTheFailureIsNotAFix() async throws {
    // Two slips: below the range returns the value, above it returns low. `return high` alone
    // fixes test_above and leaves test_below failing: a guess, not a fix.
    let calc = Self.calc.replacingOccurrences(
      of: "if value < low:\n        return low", with: "if value < low:\n        return value")
    let fixed =
      "```python\n\(Self.calc.replacingOccurrences(of: "        return low\n    return value", with: "        return high\n    return value"))```\n"
    let small = try ScriptedModelServer(replies: [fixed])
    let medium = try ScriptedModelServer(replies: ["unused"])
    let harness = try Harness(
      smallURL: small.url, mediumURL: medium.url,
      files: ["calc.py": calc, "test_calc.py": Self.tests])
    let report = try await harness.run(
      TaskOptions(
        task: "Fix clamp in calc.py: it must keep values inside [low, high].", singleAgent: true))

    let result = try #require(report.results.first)
    #expect(result.tier == "local-small", "\(result.detail)")
    #expect(small.requests.count == 1)
    #expect(
      harness.events.lines.withLock { $0 }.contains {
        $0.hasPrefix("notice s1: no one-token change passed the tests (")
      })
  }
}
