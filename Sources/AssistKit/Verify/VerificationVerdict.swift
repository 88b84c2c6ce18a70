/// What a candidate did to the tests, judged against the baseline on the same base commit.
package enum VerificationVerdict: Sendable, Equatable, Codable {
  /// Tests that failed before pass now (all of them, if the candidate's run passed).
  case improved(fixed: [String])
  /// Nothing got better or worse: both passed, or the same tests fail.
  case unchanged
  /// Something that passed before fails now, or the run now hangs or breaks without naming a test.
  /// Never land such a candidate.
  case regressed(newlyFailing: [String])
  /// The candidate's run could not be judged (it could not run, or the baseline could not).
  case inconclusive(reason: String)
  /// The candidate's run ran no tests, or fewer than the baseline (`nil` when the baseline's
  /// output did not say): deleted, emptied or skipped tests prove nothing. Never land it.
  case fewerTests(baseline: Int?, candidate: Int)

  /// Compares a candidate's run with the baseline's.
  ///
  /// Failing tests are compared by name; where the output names none, the statuses decide,
  /// conservatively: a run that newly fails, newly times out, or fails without naming a test
  /// while the baseline named its failures is a regression.
  /// - Parameters:
  ///   - baseline: The base commit's run (``VerificationBaseline``).
  ///   - candidate: The run with the candidate applied.
  /// - Returns: The verdict.
  package static func compare(baseline: VerificationResult, candidate: VerificationResult)
    -> VerificationVerdict
  {
    if baseline.status != .couldNotRun, candidate.status != .couldNotRun,
      let ran = candidate.testsRun
    {
      let before = baseline.testsRun
      if ran == 0 || ran < (before ?? 0) { return .fewerTests(baseline: before, candidate: ran) }
    }
    switch (baseline.status, candidate.status) {
    case (_, .couldNotRun):
      return .inconclusive(reason: "the candidate could not be tested: \(candidate.output)")
    case (.couldNotRun, _):
      return .inconclusive(reason: "the baseline could not be tested: \(baseline.output)")
    case (.passed, .passed), (.timedOut, .timedOut):
      return .unchanged
    case (.failed, .passed), (.timedOut, .passed):
      return .improved(fixed: baseline.failingTests)
    case (.passed, .failed), (.passed, .timedOut), (.failed, .timedOut):
      return .regressed(newlyFailing: candidate.failingTests)
    case (.timedOut, .failed):
      return .unchanged
    case (.failed, .failed):
      let before = Set(baseline.failingTests)
      let after = Set(candidate.failingTests)
      if after.isEmpty && !before.isEmpty { return .regressed(newlyFailing: []) }
      let newlyFailing = candidate.failingTests.filter { !before.contains($0) }
      if !newlyFailing.isEmpty { return .regressed(newlyFailing: newlyFailing) }
      let fixed = baseline.failingTests.filter { !after.contains($0) }
      return fixed.isEmpty ? .unchanged : .improved(fixed: fixed)
    }
  }

  /// Whether the candidate may land as far as the tests are concerned (improved or unchanged).
  package var mayLand: Bool {
    switch self {
    case .improved, .unchanged: true
    case .regressed, .inconclusive, .fewerTests: false
    }
  }

  /// One line for logs, proposals and the trace.
  package var summary: String {
    switch self {
    case .improved(let fixed):
      fixed.isEmpty ? "improved" : "improved: fixes \(fixed.joined(separator: ", "))"
    case .unchanged: "unchanged"
    case .regressed(let newlyFailing):
      newlyFailing.isEmpty
        ? "regressed" : "regressed: breaks \(newlyFailing.joined(separator: ", "))"
    case .inconclusive(let reason): "inconclusive: \(reason.prefix(200))"
    case .fewerTests(let baseline, let candidate):
      "ran \(candidate) tests"
        + (baseline.map { " where the baseline ran \($0)" } ?? "")
        + ": fewer tests, or none, is not a pass"
    }
  }
}
