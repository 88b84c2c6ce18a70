internal import Git

/// ``CandidateVerifying`` with the repository's own tests, on a scratch copy of the base commit.
///
/// The baseline (tests before the change) runs once per run, so failures that were there already
/// are not blamed on a candidate. A candidate that turns a passing test red never lands. When the
/// task is to fix something, the candidate must also make progress: pass, or fix a failing test.
package struct TestVerification: CandidateVerifying {
  /// The cached baseline and the runner.
  package var baseline: VerificationBaseline
  /// The test command.
  package var command: TestCommand
  /// The repository's work tree.
  package var repository: String
  /// The base commit.
  package var base: String
  /// Whether the task asks for a fix (then "unchanged" is not good enough).
  package var requiresProgress: Bool
  /// Tokens of test output fed back to the model.
  package var feedbackTokens: Int

  /// Creates the verifier.
  package init(
    baseline: VerificationBaseline, command: TestCommand, repository: String, base: String,
    requiresProgress: Bool, feedbackTokens: Int = 700
  ) {
    self.baseline = baseline
    self.command = command
    self.repository = repository
    self.base = base
    self.requiresProgress = requiresProgress
    self.feedbackTokens = feedbackTokens
  }

  /// Whether a task's text asks for a fix: it names the test command, or says fix, pass, bug, fail.
  package static func asksForProgress(_ task: String, command: TestCommand) -> Bool {
    if command.origin == .taskText { return true }
    let words = Set(task.lowercased().split { !$0.isLetter }.map(String.init))
    return !words.isDisjoint(with: [
      "fix", "fixes", "pass", "passes", "bug", "fails", "failing", "broken",
    ])
  }

  package func baselineFailure(focusedOn function: String?) async -> String? {
    guard requiresProgress,
      let result = try? await baseline.result(
        command: command.command, repository: repository, base: base),
      result.status == .failed || result.status == .timedOut
    else { return nil }
    if let function {
      let files = try? RepositoryEditBase(repository: Repository(at: repository), revision: base)
      let excerpt = FailureExcerpt.assertions(
        result.output, mentioning: function,
        budget: feedbackTokens * TestFeedback.charactersPerToken / 3
      ) { path, number in
        guard let text = try? files?.text(at: path) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return number <= lines.count ? String(lines[number - 1]) : nil
      }
      return excerpt.isEmpty ? nil : "The test fails:\n\n" + excerpt
    }
    return "Before any change: " + TestFeedback.render(result, tokenBudget: feedbackTokens / 2)
  }

  /// The tests with `changes` applied to a scratch copy of the base, beside the cached baseline.
  private func compare(_ changes: [EditApplier.FileChange]) async throws -> VerificationComparison {
    let candidate = VerificationCandidate(
      files: changes.map { VerificationCandidate.File(path: $0.path, content: $0.new) })
    return try await baseline.verify(
      candidate, command: command.command, repository: repository, base: base)
  }

  package func summary(of changes: [EditApplier.FileChange]) async -> VerificationSummary? {
    guard let comparison = try? await compare(changes),
      comparison.candidate.status != .couldNotRun, comparison.baseline.status != .couldNotRun
    else { return nil }
    let before = Set(comparison.baseline.failingTests)
    return VerificationSummary(
      command: command.command, reason: command.reason,
      baselinePassed: comparison.baseline.passed, candidatePassed: comparison.candidate.passed,
      newlyFailing: comparison.candidate.failingTests.filter { !before.contains($0) })
  }

  package func verify(changes: [EditApplier.FileChange]) async -> CandidateVerdict {
    let comparison: VerificationComparison
    do {
      comparison = try await compare(changes)
    } catch {
      return .skipped(reason: "verification was interrupted")
    }
    let summary = "`\(command.command)`: \(comparison.verdict.summary)"
    if comparison.verdict.mayLand && (comparison.isFix || !requiresProgress) {
      return .passed(summary: comparison.candidate.passed ? "`\(command.command)` passed" : summary)
    }
    let feedback = TestFeedback.render(
      comparison.candidate, baseline: comparison.baseline, tokenBudget: feedbackTokens)
    return .failed(
      summary: summary,
      feedback: feedback
        + "\n\nFix the code so the tests pass. Output the complete edit again in the same format.")
  }
}
