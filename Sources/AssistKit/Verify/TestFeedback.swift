/// Renders a failed verification for a model: which tests fail, their assertion messages and the
/// last lines of their tracebacks, within a token budget, never the whole log.
package enum TestFeedback {
  /// Characters per token, the usual estimate for code and English.
  package static let charactersPerToken = 4

  /// The feedback text for a failed (or timed-out) run.
  ///
  /// - Parameters:
  ///   - result: The candidate's run.
  ///   - baseline: The base commit's run; tests that failed there too are marked as not the
  ///     model's doing.
  ///   - tokenBudget: The most tokens the text may take (≈ 4 characters each).
  /// - Returns: Plain text ready to put in the next prompt.
  package static func render(
    _ result: VerificationResult, baseline: VerificationResult? = nil, tokenBudget: Int
  ) -> String {
    let budget = max(tokenBudget, 16) * charactersPerToken
    var header: String
    switch result.status {
    case .passed: header = "The tests passed: `\(result.command)`."
    case .timedOut:
      header = "The tests did not finish: `\(result.command)` was stopped at the time limit."
    case .couldNotRun: header = "The tests could not run: \(result.output)"
    case .failed:
      let code = result.exitCode.map { $0 < 0 ? "was killed by signal \(-$0)" : "exited \($0)" }
      header = "The tests failed: `\(result.command)` \(code ?? "failed")."
    }
    guard result.status == .failed || result.status == .timedOut else {
      return clip(header, to: budget)
    }
    let before = Set(baseline?.failingTests ?? [])
    // Only a baseline that ran and named its failures (or passed) can vouch for a test.
    let baselineKnows =
      baseline.map { $0.status == .passed || ($0.status == .failed && !$0.failingTests.isEmpty) }
      ?? false
    var names = ""
    if !result.failingTests.isEmpty {
      names = "\nFailing tests:\n"
      for name in result.failingTests {
        let note =
          before.contains(name)
          ? " (already failing before your change)"
          : baselineKnows ? " (passed before your change)" : ""
        names += "- \(name)\(note)\n"
      }
    }
    // The header and the names come first; the excerpt gets whatever they leave.
    header = clip(header, to: budget / 2)
    names = clip(names, to: (budget - header.count) * 2 / 3)
    let room = budget - header.count - names.count - 40
    let excerpt = FailureExcerpt.render(result.output, budget: room)
    let body = excerpt.isEmpty ? "" : "\nOutput (trimmed):\n" + excerpt
    return clip(header + "\n" + names + body, to: budget)
  }

  /// The feedback for a compared candidate (see ``render(_:baseline:tokenBudget:)``).
  ///
  /// - Parameters:
  ///   - comparison: The candidate's verification.
  ///   - tokenBudget: The most tokens the text may take.
  /// - Returns: Plain text for the next prompt.
  package static func render(_ comparison: VerificationComparison, tokenBudget: Int) -> String {
    render(comparison.candidate, baseline: comparison.baseline, tokenBudget: tokenBudget)
  }

  /// `text` cut to `limit` characters, with an ellipsis line when cut.
  static func clip(_ text: String, to limit: Int) -> String {
    guard text.count > limit else { return text }
    return String(text.prefix(max(limit - 2, 0))) + "\n…"
  }
}
