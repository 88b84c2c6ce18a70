package import Git

/// What the workspace committed.
package struct LandedChange: Sendable, Equatable, Codable {
  /// The run id recorded in the `Assist-Run` trailer.
  package var runID: String
  /// The branch the commit is on, or `nil` on a detached HEAD.
  package var branch: String?
  /// The new commit.
  package var commit: ObjectID
  /// The commit it was made on (`nil` on an unborn branch).
  package var parent: ObjectID?
  /// The files and hunks it changed.
  package var files: [FileChange]
  /// Whether the lock of a killed assist process was recovered before this change.
  package var recoveredInterruption: String?

  /// Creates a description of a landed change.
  package init(
    runID: String, branch: String?, commit: ObjectID, parent: ObjectID?, files: [FileChange],
    recoveredInterruption: String? = nil
  ) {
    self.runID = runID
    self.branch = branch
    self.commit = commit
    self.parent = parent
    self.files = files
    self.recoveredInterruption = recoveredInterruption
  }
}

/// What `check` found, without writing anything.
package struct PatchReport: Sendable, Equatable {
  /// The parsed patch.
  package var patch: Patch
  /// Paths the rules refuse.
  package var unsafePaths: [PathViolation]
  /// Touched files with uncommitted changes.
  package var uncommitted: [String]
  /// Files and hunks that do not apply to HEAD.
  package var failures: [ApplyFailure]

  /// Creates a report.
  package init(
    patch: Patch, unsafePaths: [PathViolation], uncommitted: [String], failures: [ApplyFailure]
  ) {
    self.patch = patch
    self.unsafePaths = unsafePaths
    self.uncommitted = uncommitted
    self.failures = failures
  }

  /// Whether applying would succeed.
  package var applies: Bool { unsafePaths.isEmpty && uncommitted.isEmpty && failures.isEmpty }

  /// The first problem as the error `apply` would throw, or `nil` when the patch applies.
  package var error: WorkspaceError? {
    if !unsafePaths.isEmpty { return .unsafePaths(unsafePaths) }
    if !uncommitted.isEmpty { return .uncommittedChanges(uncommitted) }
    if !failures.isEmpty { return .doesNotApply(failures) }
    return nil
  }
}
