import AssistKit
import AssistTesting
import Foundation
import Testing

/// A run that ran fewer tests than the baseline, or none, is never a pass.
@Suite struct FewerTestsTests {
  private func run(_ status: VerificationResult.Status, output: String) -> VerificationResult {
    VerificationResult(
      command: "t", status: status, exitCode: status == .passed ? 0 : 1, output: output)
  }

  @Test(
    arguments: [
      (
        "....\n----------------------------------------------------------------------\nRan 4 tests in 0.001s\n\nOK\n",
        4
      ),
      (
        "\n----------------------------------------------------------------------\nRan 0 tests in 0.000s\n\nOK\n",
        0
      ),
      ("=== 3 passed, 1 failed in 0.12s ===", 4),
      ("============================ no tests ran in 0.01s =============================", 0),
      ("........\n472 passed in 3.59s\n", 472),
      ("3 failed, 469 passed, 2 skipped, 1 warning in 3.20s", 472),
      ("no tests ran in 0.01s", 0),
      ("Ran 4 tests in 0.001s", 4),
      ("we ran 4 tests in 3s", nil),
      ("Tests:       1 failed, 5 passed, 6 total", 6),
      ("1..7\nok 1 a\n", 7),
      ("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out", 13),
      ("ℹ tests 9\nℹ suites 0\nℹ pass 9", 9),
      ("all good", nil),
    ] as [(String, Int?)])
  func theNumberOfTestsRunIsReadFromTheRunnersSummary(_ output: String, _ count: Int?) {
    #expect(run(.passed, output: output).testsRun == count)
  }

  @Test func ranZeroTestsIsNotAPassEvenWhenTheCommandExitsZero() {
    let before = run(.passed, output: "Ran 4 tests in 0.001s\n\nOK\n")
    let none = run(.passed, output: "Ran 0 tests in 0.000s\n\nOK\n")
    let verdict = VerificationVerdict.compare(baseline: before, candidate: none)
    #expect(verdict == .fewerTests(baseline: 4, candidate: 0))
    #expect(!verdict.mayLand)
    #expect(verdict.summary.contains("ran 0 tests"))
    // No tests at all is not evidence either, whatever the baseline did.
    #expect(!VerificationVerdict.compare(baseline: none, candidate: none).mayLand)
  }

  @Test func fewerTestsThanTheBaselineIsNotAPass() {
    let verdict = VerificationVerdict.compare(
      baseline: run(.failed, output: "Ran 4 tests in 0.001s\n\nFAILED (failures=1)\n"),
      candidate: run(.passed, output: "Ran 3 tests in 0.001s\n\nOK\n"))
    #expect(verdict == .fewerTests(baseline: 4, candidate: 3))
    #expect(!verdict.mayLand)
  }

  static let calc = "def add(a, b):\n    return a + b\n"
  static let calcTest = """
    import unittest

    from calc import add


    class CalcTests(unittest.TestCase):
        def test_add(self):
            self.assertEqual(add(2, 3), 5)

    """

  @Test(arguments: [false, true])
  func deletingOrEmptyingTheCodeAndItsTestsFailsVerificationOnARealRepository(_ empty: Bool)
    async throws
  {
    let repo = try TemporaryRepository(files: ["calc.py": Self.calc, "test_calc.py": Self.calcTest])
    let head = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
    let verification = TestVerification(
      baseline: VerificationBaseline(
        verifier: Verifier(environment: ProcessInfo.processInfo.environment, timeout: .seconds(60))),
      command: TestCommand(command: "python3 -m unittest", origin: .config, reason: "test"),
      repository: repo.path, base: head, requiresProgress: false)
    let verdict = await verification.verify(changes: [
      EditApplier.FileChange(path: "calc.py", old: Self.calc, new: empty ? "" : nil),
      EditApplier.FileChange(path: "test_calc.py", old: Self.calcTest, new: empty ? "" : nil),
    ])
    guard case .failed(let summary, _) = verdict else {
      Issue.record("deleting every test was \(verdict)")
      return
    }
    #expect(summary.contains("ran 0 tests"), "\(summary)")
  }
}
