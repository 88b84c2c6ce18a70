import Foundation
import Git

extension Workspace {
  /// How far back `undo` looks for assist's commits.
  static let historyLimit = 5000

  /// Reverts every commit of run `runID` (or of the latest run not yet undone) in one new commit.
  ///
  /// assist's commits are found by their `Assist-Run` trailer on the current branch; an undo
  /// commit carries `Assist-Undo: <id>` so a run is never undone twice. The revert is a three-way
  /// merge, so later commits that touch other lines of the same files are kept, while later
  /// changes to the same lines make it refuse. Uncommitted changes to the files it would touch
  /// also make it refuse.
  /// - Parameter runID: The run to undo, or `nil` for the most recent one.
  /// - Returns: The undo commit.
  /// - Throws: ``WorkspaceError/runNotFound(_:)``, ``WorkspaceError/undoConflicts(run:paths:)``,
  ///   ``WorkspaceError/uncommittedChanges(_:)`` and the other rules of ``apply(patch:metadata:placement:)``.
  package func undo(runID: String? = nil) throws -> LandedChange {
    let lock = try RepositoryLock(
      gitDirectory: repositoryGitDirectory, purpose: "undo run \(runID ?? "latest")")
    try refuseDuringOperation()
    let head = try currentHead()
    guard let tip = head.commit else { throw WorkspaceError.runNotFound(runID) }
    let history = try history()
    let undone = Set(history.flatMap { $0.trailerValues(CommitMetadata.undoKey) })
    let run: String
    if let runID {
      if undone.contains(runID) { throw WorkspaceError.alreadyUndone(runID) }
      run = runID
    } else {
      let latest = history.lazy
        .filter { $0.trailerValues(CommitMetadata.undoKey).isEmpty }
        .flatMap { $0.trailerValues(CommitMetadata.runKey) }
        .first { !undone.contains($0) }
      guard let latest else { throw WorkspaceError.runNotFound(nil) }
      run = latest
    }
    let commits = history.filter {
      $0.trailerValues(CommitMetadata.runKey).contains(run)
        && $0.trailerValues(CommitMetadata.undoKey).isEmpty && $0.parents.count == 1
    }
    guard !commits.isEmpty else { throw WorkspaceError.runNotFound(run) }
    let tree = try revertedTree(commits, onto: tip, run: run)
    let patch = try diff(from: head, to: tree)
    let report = try check(patch: patch)
    if let error = report.error { throw error }
    let message = Trailer.compose(
      message: "Undo assist run \(run)\n\nReverts "
        + commits.map(\.id.short).joined(separator: ", ")
        + ".",
      trailers: [Trailer(CommitMetadata.undoKey, run)])
    let target = try target(for: .currentBranch, runID: run, head: head)
    let commit = try land(
      report: report, tree: tree, message: message, head: head, target: target, lock: lock)
    return LandedChange(
      runID: run, branch: head.branch, commit: commit, parent: tip, files: report.patch.files,
      recoveredInterruption: lock.interrupted)
  }

  /// Reverts `commits` (newest first) one after another in memory; returns the final tree.
  private func revertedTree(_ commits: [CommitInfo], onto tip: ObjectID, run: String) throws
    -> ObjectID
  {
    var base = tip
    var tree = try treeOf(tip)
    for commit in commits {
      let result = try revert(commit.id, onto: base)
      guard let reverted = result.tree else {
        throw WorkspaceError.undoConflicts(run: run, paths: result.conflicts)
      }
      tree = reverted
      // An unreferenced commit object, only so that the next revert has something to merge onto.
      base = try commitObject(tree: reverted, parent: base)
    }
    return tree
  }
}
