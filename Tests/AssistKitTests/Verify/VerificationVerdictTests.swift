import AssistKit
import Testing

@Suite struct VerificationVerdictTests {
  private func run(_ status: VerificationResult.Status, _ failing: [String] = [])
    -> VerificationResult
  {
    VerificationResult(
      command: "t", status: status, exitCode: status == .passed ? 0 : 1, failingTests: failing)
  }

  @Test func passingStaysUnchangedAndFailingToPassingImproves() {
    #expect(
      VerificationVerdict.compare(baseline: run(.passed), candidate: run(.passed)) == .unchanged)
    #expect(
      VerificationVerdict.compare(baseline: run(.failed, ["a"]), candidate: run(.passed))
        == .improved(fixed: ["a"]))
    #expect(
      VerificationVerdict.compare(baseline: run(.timedOut), candidate: run(.passed))
        == .improved(fixed: []))
  }

  @Test func breakingAPassingSuiteOrHangingIsARegression() {
    let broken = VerificationVerdict.compare(baseline: run(.passed), candidate: run(.failed, ["b"]))
    #expect(broken == .regressed(newlyFailing: ["b"]))
    #expect(!broken.mayLand)
    #expect(
      VerificationVerdict.compare(baseline: run(.passed), candidate: run(.timedOut))
        == .regressed(newlyFailing: []))
    #expect(
      VerificationVerdict.compare(baseline: run(.failed, ["a"]), candidate: run(.timedOut))
        == .regressed(newlyFailing: []))
  }

  @Test func failuresAreComparedByName() {
    let compare = { (before: [String], after: [String]) in
      VerificationVerdict.compare(
        baseline: self.run(.failed, before), candidate: self.run(.failed, after))
    }
    #expect(compare(["a", "b"], ["a"]) == .improved(fixed: ["b"]))
    #expect(compare(["a"], ["a"]) == .unchanged)
    #expect(compare(["a"], ["a", "c"]) == .regressed(newlyFailing: ["c"]))
    #expect(compare(["a", "b"], ["c"]) == .regressed(newlyFailing: ["c"]))
    // A run that used to name its failures and now names none broke in a new way.
    #expect(compare(["a"], []) == .regressed(newlyFailing: []))
    #expect(compare([], []) == .unchanged)
  }

  @Test func aRunThatCouldNotRunIsInconclusiveAndNeverLands() {
    let verdict = VerificationVerdict.compare(baseline: run(.passed), candidate: run(.couldNotRun))
    guard case .inconclusive = verdict else {
      Issue.record("expected inconclusive, got \(verdict)")
      return
    }
    #expect(!verdict.mayLand)
    #expect(
      !VerificationVerdict.compare(baseline: run(.couldNotRun), candidate: run(.passed)).mayLand)
  }

  /// QuixBugs' sieve: a candidate that fixed one parametrized case of `test_sieve` while four
  /// others still failed was landed as "improved"; it is a partial fix, not one that may land.
  @Test func aFixThatLeavesOtherCasesOfTheSameTestFailingIsNotAFix() {
    let cases = (1...5).map { "t.py::test_sieve[input\($0)]" }
    let partial = VerificationComparison(
      baseline: run(.failed, cases + ["t.py::test_other"]),
      candidate: run(.failed, Array(cases.dropFirst()) + ["t.py::test_other"]))
    #expect(partial.verdict == .improved(fixed: [cases[0]]))
    #expect(partial.stillFailingFixedTests == Array(cases.dropFirst()))
    #expect(!partial.isFix)
    // Every case fixed; a test that already failed and is not the task's stays failing: a fix.
    let whole = VerificationComparison(
      baseline: run(.failed, cases + ["t.py::test_other"]),
      candidate: run(.failed, ["t.py::test_other"]))
    #expect(whole.isFix)
    #expect(VerificationComparison(baseline: run(.failed, cases), candidate: run(.passed)).isFix)
    #expect(
      !VerificationComparison(baseline: run(.failed, cases), candidate: run(.failed, cases)).isFix)
  }

  /// pytest's report of two new tests for the two functions a task names (boltons' args2sh and
  /// args2cmd), and a failure that was there already and is about neither.
  static let twoFunctionsOutput = """
    _______________________________ test_args2sh_sep _______________________________
        def test_args2sh_sep():
    >       assert strutils.args2sh(['aa', 'bb'], sep='|') == 'aa|bb'
    E       AssertionError: assert 'aa bb' == 'aa|bb'
    tests/test_strutils.py:370: AssertionError
    ______________________________ TestCmd.test_sep ________________________________
        def test_sep(self):
    >       assert strutils.args2cmd(['aa', 'bb'], sep='|') == 'aa|bb'
    E       AssertionError: assert 'aa bb' == 'aa|bb'
    tests/test_strutils.py:377: AssertionError
    ________________________________ test_network __________________________________
    E       OSError: no network
    =========================== short test summary info ============================
    """

  @Test func aFixThatLeavesOneOfTheTasksFailingTestsFailingIsPartial() {
    let tests = [
      "tests/test_strutils.py::test_args2sh_sep", "tests/test_strutils.py::TestCmd::test_sep",
      "tests/test_net.py::test_network",
    ]
    var before = run(.failed, tests)
    before.output = Self.twoFunctionsOutput
    let names: Set<String> = ["args2sh", "args2cmd"]
    let one = VerificationComparison(
      baseline: before, candidate: run(.failed, Array(tests.dropFirst())))
    #expect(one.isFix, "by families alone it looks like progress")
    // The block of the test it left failing mentions args2cmd; the network test is about neither.
    #expect(one.stillFailing(about: names) == ["tests/test_strutils.py::TestCmd::test_sep"])
    let both = VerificationComparison(baseline: before, candidate: run(.failed, [tests[2]]))
    #expect(both.stillFailing(about: names).isEmpty)
    // A test named after the function counts even when its output was not kept.
    var bare = run(.failed, ["t.py::test_args2sh_quotes"])
    bare.output = ""
    #expect(
      VerificationComparison(baseline: bare, candidate: bare).stillFailing(about: names)
        == ["t.py::test_args2sh_quotes"])
    #expect(one.stillFailing(about: []).isEmpty)
  }

  @Test func trailerAndSummaries() {
    let comparison = VerificationComparison(baseline: run(.passed), candidate: run(.failed, ["x"]))
    #expect(comparison.trailer == "t failed (regressed: breaks x; baseline passed)")
    #expect(comparison.verdict.summary == "regressed: breaks x")
    #expect(run(.failed, ["x"]).summary == "`t` failed (exit 1) in 0.0 s, 1 failing test")
  }
}
