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
