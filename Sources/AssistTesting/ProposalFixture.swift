package import AssistKit
import Foundation
import Git

/// Stored runs with real proposals, for tests of review, apply, log and show before a coordinator
/// makes them: each change is diffed by libgit2 and split into one-hunk patches exactly as
/// ``ProposalBuilder`` does.
package enum ProposalFixture {
  /// One file's change and who made it.
  package struct Change: Sendable {
    /// The file.
    package var path: String
    /// Its new text (`nil` deletes it).
    package var new: String?
    /// The sub-task that wrote it.
    package var subtask: String
    /// The agent.
    package var agent: String
    /// The tier.
    package var tier: String

    /// Creates a change.
    package init(
      path: String, new: String?, subtask: String = "s1", agent: String = "migrator",
      tier: String = "local-small"
    ) {
      self.path = path
      self.new = new
      self.subtask = subtask
      self.agent = agent
      self.tier = tier
    }
  }

  /// A store in a fresh temporary folder.
  /// - Returns: The store and its folder (the state directory).
  /// - Throws: ``StoreError``.
  package static func temporaryStore() throws -> RunStore {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "assist-store-" + UUID().uuidString.prefix(8).lowercased()
    ).path
    return RunStore(try Store(path: folder + "/assist.sqlite"))
  }

  /// Saves a `proposed` run for `repository` whose proposal turns HEAD's files into `changes`.
  /// - Parameters:
  ///   - changes: The files' new texts with their authors.
  ///   - repository: The repository (its working tree is the base, and must match HEAD).
  ///   - runs: The store.
  ///   - runID: The run id.
  ///   - task: The task text.
  ///   - createdAt: Seconds since 1970.
  /// - Returns: The saved proposal.
  /// - Throws: ``GitError``, ``StoreError`` or ``TemporaryRepository/CommandError``.
  @discardableResult
  package static func save(
    _ changes: [Change], in repository: TemporaryRepository, runs: RunStore,
    runID: String = "a1b2c3d4e5f6", task: String = "tidy the code", createdAt: Double = 1_000
  ) throws -> Proposal {
    let base = try repository.git("rev-parse", "HEAD").trimmingCharacters(
      in: .whitespacesAndNewlines)
    var proposal = Proposal(runID: runID, task: task, baseCommit: base)
    var cost = 0.0
    var tokens = 0
    for (k, change) in changes.enumerated() {
      let patch = try TextDiff.patch(
        old: repository.read(change.path), new: change.new, path: change.path)
      let provenance = Provenance(
        subtask: change.subtask, agent: change.agent, tier: change.tier,
        model: change.tier == "cloud" ? "claude-sonnet" : "qwen2.5-coder-0.5b",
        tokens: 1200 + 100 * k, cost: change.tier == "cloud" ? 0.0123 : 0)
      cost += provenance.cost
      tokens += provenance.tokens
      for hunk in ProposalBuilder.split(patch) {
        proposal.hunks.append(
          ProposalHunk(
            index: proposal.hunks.count, path: change.path, diff: hunk, provenance: provenance))
      }
    }
    try runs.save(
      RunRecord(
        id: runID, createdAt: createdAt, repository: repository.path, command: "task", task: task,
        status: .proposed, cost: cost, counterfactualCost: cost + 0.05, overheadRatio: 0.2,
        files: proposal.files.count, tokens: tokens))
    try runs.save(proposal)
    return proposal
  }

  /// Thirty numbered lines of Python, far enough apart for separate hunks.
  package static let app = (1...30).map { "value_\($0) = \($0)\n" }.joined()

  /// `app` with lines 2 and 26 changed (two hunks).
  package static let appChanged =
    app
    .replacingOccurrences(of: "value_2 = 2\n", with: "value_2 = 20\n")
    .replacingOccurrences(of: "value_26 = 26\n", with: "value_26 = 260\nvalue_26b = 261\n")

  /// A small second file.
  package static let util = "def helper():\n    return 1\n"

  /// `util` changed (one hunk).
  package static let utilChanged = "def helper():\n    return 2\n"

  /// The usual three-hunk proposal: two hunks of `app.py` by s1, one of `util.py` by s2 (cloud).
  /// - Parameters:
  ///   - repository: A repository made with ``repositoryFiles``.
  ///   - runs: The store.
  ///   - runID: The run id.
  /// - Returns: The saved proposal.
  /// - Throws: As ``save(_:in:runs:runID:task:createdAt:)``.
  @discardableResult
  package static func threeHunks(
    in repository: TemporaryRepository, runs: RunStore, runID: String = "a1b2c3d4e5f6"
  ) throws -> Proposal {
    try save(
      [
        Change(path: "app.py", new: appChanged, subtask: "s1", agent: "migrator"),
        Change(path: "util.py", new: utilChanged, subtask: "s2", agent: "designer", tier: "cloud"),
      ], in: repository, runs: runs, runID: runID)
  }

  /// The files ``threeHunks(in:runs:runID:)`` expects.
  package static let repositoryFiles = ["app.py": app, "util.py": util]
}
