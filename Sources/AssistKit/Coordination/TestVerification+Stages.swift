/// The order a candidate's tests run in: the tests that touch its files, then the whole suite.
///
/// A candidate that fails its targeted tests is refused with their output and never runs the
/// whole suite, so a reflection round costs the few test files it touches; one that passes them
/// runs the whole suite once before it may land. Each stage is judged against its own cached
/// baseline on the base commit, and the verdict's summary says which tests ran in each.
extension TestVerification {
  /// The tests that touch `changes`, and the command that runs only them.
  package func selection(for changes: [EditApplier.FileChange]) -> TestSelection {
    var files = testFiles
    for change in changes where RepoContext.looksLikeTest(change.path) {
      files[change.path] = change.new
    }
    var selection = TestSelection.select(
      changed: changes.map(\.path), files: files, suite: command.command)
    let allTests = files.keys.filter(TestSelection.isTestModule)
    if selection.command != nil, selection.tests.count == allTests.count {
      // Every test file touches the change: the targeted run would be the whole suite again.
      selection.command = nil
      selection.reason = "every test file touches \(selection.changed.joined(separator: ", "))"
    }
    return selection
  }

  package func verify(changes: [EditApplier.FileChange]) async -> CandidateVerdict {
    var selection = selection(for: changes)
    var stages: [String] = []
    do {
      if let targeted = selection.command,
        let broken = try await targetedRunDisagrees(targeted)
      {
        selection.command = nil
        selection.reason = broken
      }
      if let targeted = selection.command {
        let comparison = try await baseline.verify(
          Self.candidate(changes), command: targeted, repository: repository, base: base,
          timeout: targetedTimeout, quickLimit: quickLimit)
        let label = "targeted: " + selection.described(testsRun: comparison.candidate.testsRun)
        guard mayContinue(comparison) else {
          return refusal(comparison, summary: "\(label) \(comparison.verdict.summary)")
        }
        stages.append(label + (comparison.candidate.passed ? " passed" : " unchanged"))
      } else {
        stages.append("targeted: none (\(selection.reason))")
      }
      let whole = try await compare(changes)
      let verdict = whole.verdict
      let strict = quickLimit == nil || whole.candidate.passed
      let partial = requiresProgress ? whole.stillFailing(about: taskNames) : []
      if verdict.mayLand && (whole.isFix && partial.isEmpty || !requiresProgress) && strict {
        let count = whole.candidate.testsRun.map { " \($0)" } ?? ""
        let outcome = whole.candidate.passed ? "\(count) passed" : ": \(verdict.summary)"
        stages.append("whole suite (`\(command.command)`)\(outcome)")
        return .passed(summary: stages.joined(separator: "; "))
      }
      let left =
        partial.isEmpty ? "" : "; still fails the task's \(partial.joined(separator: ", "))"
      stages.append("whole suite (`\(command.command)`): \(verdict.summary)\(left)")
      return refusal(whole, summary: stages.joined(separator: "; "))
    } catch {
      return .skipped(reason: "verification was interrupted")
    }
  }

  /// Why `targeted` cannot stand in for the whole suite on this base, or `nil` when it can: on
  /// the base commit its run must end, and fail no test the whole suite passes (a test module
  /// that imports only under the suite's own discovery, `discover -s tests`, fails here).
  private func targetedRunDisagrees(_ targeted: String) async throws -> String? {
    let whole = try await baseline.result(
      command: command.command, repository: repository, base: base)
    if whole.status == .timedOut {
      // The part would most likely hang too, for its own limit, before every candidate.
      return "the whole suite timed out on the base commit"
    }
    let part = try await baseline.result(
      command: targeted, repository: repository, base: base, timeout: targetedTimeout)
    let reason = "`\(targeted)` disagrees with the whole suite on the base commit"
    switch part.status {
    case .passed: return nil
    case .timedOut, .couldNotRun: return reason + " (\(part.status.rawValue))"
    case .failed:
      let known = Set(whole.failingTests)
      let explained =
        whole.status == .failed && !part.failingTests.isEmpty
        && part.failingTests.allSatisfy(known.contains)
      return explained ? nil : reason + " (it fails where the suite does not)"
    }
  }

  /// Whether a targeted run lets the candidate go on to the whole suite: nothing that passed
  /// breaks, and when the task asks for a fix and these tests failed before, they are fixed
  /// (``VerificationComparison/isFix``: no case of a fixed test left failing).
  /// (Targeted tests that passed before prove no fix; the whole suite decides that.)
  private func mayContinue(_ comparison: VerificationComparison) -> Bool {
    guard comparison.verdict.mayLand else { return false }
    if quickLimit != nil && !comparison.candidate.passed { return false }
    guard requiresProgress, !comparison.baseline.passed else { return true }
    return comparison.isFix && comparison.stillFailing(about: taskNames).isEmpty
  }

  private func refusal(_ comparison: VerificationComparison, summary: String) -> CandidateVerdict {
    let feedback = TestFeedback.render(
      comparison.candidate, baseline: comparison.baseline, tokenBudget: feedbackTokens)
    return .failed(
      summary: summary,
      feedback: feedback
        + "\n\nFix the code so the tests pass. Output the complete edit again in the same format.")
  }
}
