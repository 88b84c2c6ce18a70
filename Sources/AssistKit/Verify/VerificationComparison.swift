/// A candidate's verification: the baseline run, the candidate's run, and the verdict.
package struct VerificationComparison: Sendable, Equatable, Codable {
  /// The base commit's run (shared by every candidate on that base and command).
  package var baseline: VerificationResult
  /// The run with the candidate applied.
  package var candidate: VerificationResult
  /// What the candidate did to the tests.
  package var verdict: VerificationVerdict

  /// Compares `candidate` with `baseline`.
  package init(baseline: VerificationResult, candidate: VerificationResult) {
    self.baseline = baseline
    self.candidate = candidate
    self.verdict = VerificationVerdict.compare(baseline: baseline, candidate: candidate)
  }

  /// Whether the candidate's run passed outright (the goal of a bug fix).
  package var passed: Bool { candidate.passed }

  /// Tests the candidate fails that also failed before it: not its fault.
  package var alreadyFailing: [String] {
    let before = Set(baseline.failingTests)
    return candidate.failingTests.filter(before.contains)
  }

  /// Tests the candidate still fails that belong to the same test as one it fixed: the other
  /// parametrized cases of `test_sieve[…]` when it fixed only some. A fix that leaves them failing
  /// is partial, not progress that may land.
  package var stillFailingFixedTests: [String] {
    guard case .improved(let fixed) = verdict else { return [] }
    let families = Set(fixed.map(Self.family))
    return candidate.failingTests.filter { families.contains(Self.family($0)) }
  }

  /// Whether the candidate may land as a fix: it passes outright, or it fixed tests without
  /// leaving another case of those same tests failing (failures it did not touch were already
  /// failing before it and are not its job).
  package var isFix: Bool {
    if candidate.passed { return true }
    guard case .improved = verdict else { return false }
    return stillFailingFixedTests.isEmpty
  }

  /// Tests that failed before, still fail, and are about one of `names` (the functions the task
  /// names): the test's own name has the name as a word, or its failure in the baseline's output
  /// mentions it. A candidate that fixes one of a task's two failing tests and not the other is
  /// a partial fix, not one that may land.
  package func stillFailing(about names: Set<String>) -> [String] {
    guard !names.isEmpty else { return [] }
    let before = Set(baseline.failingTests)
    let blocks = FailureExcerpt.blocksByTest(baseline.output, tests: baseline.failingTests)
    return candidate.failingTests.filter { test in
      guard before.contains(test) else { return false }
      let words = test.split { !($0.isLetter || $0.isNumber || $0 == "_") }
        .flatMap { $0.split(separator: "_") }.map(String.init)
      if names.contains(where: { name in words.contains(name) || test.contains("::" + name) }) {
        return true
      }
      return blocks[test]?.contains { line in names.contains(where: line.contains) } == true
    }
  }

  /// A test's name without its parameters (`t.py::test_x[3-4]` → `t.py::test_x`).
  static func family(_ test: String) -> Substring {
    test.firstIndex(of: "[").map { test[..<$0] } ?? Substring(test)
  }

  /// The commit trailer value, for example `python3 -m unittest passed`.
  package var trailer: String {
    switch candidate.status {
    case .passed: "\(candidate.command) passed"
    case .failed:
      "\(candidate.command) failed (\(verdict.summary); baseline \(baseline.status.rawValue))"
    case .timedOut: "\(candidate.command) timed out"
    case .couldNotRun: "\(candidate.command) could not run"
    }
  }
}
