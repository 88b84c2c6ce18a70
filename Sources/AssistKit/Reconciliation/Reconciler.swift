/// Reconciles a run's sub-task results into one proposal, with an arbiter for what no rule
/// settles.
///
/// In order: disjoint changes are merged three ways; a conflict that a rule settles (dependency
/// order, then the config's kind precedence) is settled and names the rule; the rest go to the
/// arbiter with both versions, the assumptions and, when a test runner is given, each candidate's
/// test results; what the arbiter cannot settle (or every real conflict, without an arbiter) is
/// left for the human with both sides.
package struct Reconciler: Sendable {
  /// Runs the repository's tests on a candidate (every changed file → its content) and
  /// summarizes the outcome in a line or two.
  package typealias CandidateTests = @Sendable ([String: String?]) async -> String?

  /// The rules.
  package var rule: ReconcileRule
  /// The arbiter; `nil` leaves every real conflict to the human (`--no-arbiter`).
  package var arbiter: (any ConflictArbiter)?
  /// Runs the tests on a candidate, when the config names a test command.
  package var candidateTests: CandidateTests?

  /// Creates a reconciler.
  package init(
    rule: ReconcileRule = ReconcileRule(), arbiter: (any ConflictArbiter)? = nil,
    candidateTests: CandidateTests? = nil
  ) {
    self.rule = rule
    self.arbiter = arbiter
    self.candidateTests = candidateTests
  }

  /// Builds the proposal.
  /// - Parameters:
  ///   - runID: The run.
  ///   - task: The task text.
  ///   - baseCommit: The commit the sub-agents worked from.
  ///   - plan: The plan (for dependency order).
  ///   - results: The sub-tasks' results.
  ///   - base: File contents at the base commit.
  /// - Throws: ``GitError`` when libgit2 cannot diff or merge.
  package func reconcile(
    runID: String, task: String, baseCommit: String, plan: Plan, results: [SubtaskResult],
    base: [String: String]
  ) async throws -> Proposal {
    var verdicts: [String: ArbiterVerdict] = [:]
    var pass = ReconcilePass(
      runID: runID, task: task, baseCommit: baseCommit, plan: plan, results: results, base: base,
      rule: rule, arbiterEnabled: arbiter != nil, verdicts: verdicts)
    var proposal = try pass.run()
    // A verdict can change what later merges of the same file see: a few passes at most.
    for _ in 0..<3 {
      guard let arbiter, !pass.pending.isEmpty else { break }
      for var conflict in pass.pending where verdicts[conflict.id] == nil {
        if let candidateTests {
          let current = Self.files(of: proposal, base: base)
          for index in conflict.sides.indices {
            let candidate = current.merging(conflict.sides[index].files) { $1 }
            conflict.sides[index].tests = await candidateTests(candidate)
          }
        }
        verdicts[conflict.id] = await arbiter.arbitrate(conflict)
      }
      pass.verdicts = verdicts
      proposal = try pass.run()
    }
    return proposal
  }

  /// Every file the proposal changes → its proposed content.
  private static func files(of proposal: Proposal, base: [String: String]) -> [String: String?] {
    var files: [String: String?] = [:]
    for path in proposal.files {
      let hunks = proposal.hunks.filter { $0.path == path }.map(\.diff)
      files[path] = .some(try? HunkApplier.apply(hunks, to: base[path], path: path))
    }
    return files
  }
}
