import AssistKit
import AssistTesting
import Foundation
import Git
import Testing

/// Scripted proposals on a real repository: constructed sub-task results over committed files.
struct ReconcileFixture {
  let repo: TemporaryRepository
  let base: [String: String]

  init(_ files: [String: String]) throws {
    repo = try TemporaryRepository(files: files)
    base = files
  }

  /// A finished sub-task that changed `files` (path → new content, `nil` deletes).
  func result(
    _ id: String, kind: AgentDefinition.Kind = .migration, _ files: [String: String?],
    dependsOn: [String] = [], reply: String = "", given: [String: String] = [:]
  ) -> SubtaskResult {
    let changes = files.keys.sorted().map { path in
      EditApplier.FileChange(path: path, old: base[path], new: files[path] ?? nil)
    }
    return SubtaskResult(
      subtask: Subtask(
        id: id, kind: kind, goal: "g", files: changes.map(\.path), dependsOn: dependsOn),
      agent: kind.rawValue, status: .accepted, tier: "local-small", model: "m", changes: changes,
      handBack: HandBack(reply: reply),
      attempts: [
        Attempt(
          tier: "local-small", model: "m", round: 0, format: "whole-file", inputTokens: 10,
          outputTokens: 5, stage: "accepted", detail: "")
      ],
      detail: "")
  }

  func plan(_ results: [SubtaskResult]) -> Plan {
    Plan(subtasks: results.map(\.subtask), origin: .planner)
  }

  /// Reconciles without an arbiter, or with `reconciler`.
  func reconcile(_ results: [SubtaskResult], reconciler: Reconciler = Reconciler()) async throws
    -> Proposal
  {
    try await reconciler.reconcile(
      runID: "r", task: "t", baseCommit: "c", plan: plan(results), results: results, base: base)
  }

  /// The proposal's final content of `path`, rebuilt from its hunks.
  func final(_ proposal: Proposal, _ path: String) throws -> String? {
    let hunks = proposal.hunks.filter { $0.path == path }.map(\.diff)
    return try HunkApplier.apply(hunks, to: base[path], path: path)
  }

  /// Every hunk together passes the Git module's check against the repository.
  func expectApplies(_ proposal: Proposal, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    guard !proposal.hunks.isEmpty else { return }
    var byFile: [String: [String]] = [:]
    for hunk in proposal.hunks { byFile[hunk.path, default: []].append(hunk.diff) }
    var diff = ""
    for (path, hunks) in byFile.sorted(by: { $0.key < $1.key }) {
      let text = try HunkApplier.apply(hunks, to: base[path], path: path)
      diff += try TextDiff.patch(old: base[path], new: text, path: path)
    }
    let check = try Repository.discover(from: repo.path).check(diff: diff)
    #expect(check.applies, "\(check.failures)", sourceLocation: sourceLocation)
  }
}

/// Numbered lines, with some replaced.
func numbered(_ count: Int = 30, _ replacements: [Int: String] = [:]) -> String {
  (1...count).map { replacements[$0] ?? "line \($0)" }.joined(separator: "\n") + "\n"
}
