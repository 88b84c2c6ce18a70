internal import Git

/// ``CandidateVerifying`` with the repository's own tests, on a scratch copy of the base commit.
///
/// The baseline (tests before the change) runs once per run, so failures that were there already
/// are not blamed on a candidate. A candidate that turns a passing test red never lands. When the
/// task is to fix something, the candidate must also make progress: pass, or fix a failing test.
/// Each candidate runs the tests that touch its files first (``TestSelection``) and the whole
/// suite only when those pass (see `verify(changes:)` in TestVerification+Stages.swift).
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
  /// The functions the task names as code: when it asks for a fix, every test failing before
  /// that is about one of them must pass (``VerificationComparison/stillFailing(about:)``).
  package var taskNames: Set<String> = []
  /// Tokens of test output fed back to the model.
  package var feedbackTokens: Int
  /// The base commit's test files, path → content: what ``TestSelection`` reads.
  package var testFiles: [String: String]
  /// The time limit of a targeted run (its baseline and the candidate's).
  package var targetedTimeout: Duration
  /// A shorter limit for each candidate run (``limited(to:)``), `nil` for the usual limits. A
  /// verifier with a quick limit also lands only a candidate every test passes: a cheap guess
  /// that fixes some failing tests and not others is not a fix.
  package var quickLimit: Duration?

  /// Creates the verifier.
  ///
  /// - Parameters:
  ///   - files: The base commit's text files; the test files among them are kept for selection.
  ///   - targetedTimeout: The limit of a targeted run; the whole suite keeps the verifier's own.
  package init(
    baseline: VerificationBaseline, command: TestCommand, repository: String, base: String,
    requiresProgress: Bool, feedbackTokens: Int = 700, files: [String: String] = [:],
    targetedTimeout: Duration = .seconds(120)
  ) {
    self.baseline = baseline
    self.command = command
    self.repository = repository
    self.base = base
    self.requiresProgress = requiresProgress
    self.feedbackTokens = feedbackTokens
    self.testFiles = files.filter { RepoContext.looksLikeTest($0.key) }
    self.targetedTimeout = targetedTimeout
  }

  /// Whether a task's text asks for a fix: it names the test command, or its intent reads as a
  /// fix by the patterns of `share/task-intents.yaml`.
  package static func asksForProgress(
    _ task: String, command: TestCommand, patterns: TaskIntentPatterns
  ) -> Bool {
    command.origin == .taskText || patterns.reads(task, as: .fix)
  }

  package func baselineFailure(focusedOn functions: [String]) async -> String? {
    guard requiresProgress,
      let result = try? await baseline.result(
        command: command.command, repository: repository, base: base),
      result.status == .failed || result.status == .timedOut
    else { return nil }
    if !functions.isEmpty {
      let files = try? RepositoryEditBase(repository: Repository(at: repository), revision: base)
      let excerpt = FailureExcerpt.assertions(
        result.output, mentioning: functions,
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

  package func limited(to limit: Duration) -> any CandidateVerifying {
    var quick = self
    quick.quickLimit = limit
    return quick
  }

  package func judging(only names: Set<String>) -> (any CandidateVerifying)? {
    guard requiresProgress, !taskNames.isEmpty, !names.isEmpty else { return nil }
    var narrowed = self
    narrowed.taskNames = names
    return narrowed
  }

  /// Says so when the whole suite timed out on the base commit: candidates then get the
  /// baseline's hung-suite limit, which is wrong for a suite that is merely slow.
  package func baselineNotice() async -> String? {
    guard
      let result = try? await baseline.result(
        command: command.command, repository: repository, base: base),
      result.status == .timedOut
    else { return nil }
    let limit = await baseline.hungBaselineCandidateLimit.components.seconds
    return "\(result.summary) on the base commit; each candidate gets \(limit) s (an infinite "
      + "loop is the likely bug). If the suite is just slow, raise verify.timeout_seconds in "
      + ".assist/config.yaml."
  }

  /// The whole suite with `changes` applied to a scratch copy of the base, beside the cached
  /// baseline.
  func compare(_ changes: [EditApplier.FileChange]) async throws -> VerificationComparison {
    try await baseline.verify(
      Self.candidate(changes), command: command.command, repository: repository, base: base,
      quickLimit: quickLimit)
  }

  /// `changes` as a verification candidate.
  static func candidate(_ changes: [EditApplier.FileChange]) -> VerificationCandidate {
    VerificationCandidate(
      files: changes.map { VerificationCandidate.File(path: $0.path, content: $0.new) })
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
}
