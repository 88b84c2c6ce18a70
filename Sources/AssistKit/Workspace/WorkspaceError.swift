package import Git

/// Why the workspace refused to change the repository; nothing was written when one is thrown.
package enum WorkspaceError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The folder is not inside a git repository.
  case notARepository(String)
  /// The repository has no working tree.
  case bareRepository
  /// Another process holds the repository lock.
  case locked(pid: Int32?)
  /// Paths that leave the repository, enter `.git/`, or pass through an escaping symlink.
  case unsafePaths([PathViolation])
  /// Files the change would touch have uncommitted (staged, unstaged or untracked) changes.
  case uncommittedChanges([String])
  /// A merge, rebase or similar is in progress.
  case operationInProgress(String)
  /// The patch does not apply; per file and hunk.
  case doesNotApply([ApplyFailure])
  /// The patch has no file changes.
  case nothingToApply
  /// The branch to create already exists.
  case branchExists(String)
  /// The branch name is not a valid git reference name.
  case invalidBranchName(String)
  /// The run was already undone.
  case alreadyUndone(String)
  /// No assist run with this id (or none at all) is reachable from HEAD.
  case runNotFound(String?)
  /// Later commits changed the lines the undo would revert.
  case undoConflicts(run: String, paths: [String])
  /// HEAD moved while assist was writing (another program committed); nothing was lost.
  case headMoved

  package var description: String {
    switch self {
    case .notARepository(let path): "not a git repository: \(path)"
    case .bareRepository: "the repository has no working tree"
    case .locked(let pid):
      "another assist is applying in this repository"
        + (pid.map { " (pid \($0)); wait for it to finish" } ?? "")
    case .unsafePaths(let violations):
      "refused: " + violations.map(\.description).joined(separator: "; ")
    case .uncommittedChanges(let paths):
      "uncommitted changes to \(Self.list(paths)); commit or stash them first"
    case .operationInProgress(let operation):
      "a \(operation) is in progress; finish or abort it first"
    case .doesNotApply(let failures):
      "patch does not apply: " + failures.map(\.description).joined(separator: "; ")
    case .nothingToApply: "nothing to apply"
    case .branchExists(let name): "branch \(name) already exists"
    case .invalidBranchName(let name): "invalid branch name: \(name)"
    case .alreadyUndone(let id): "run \(id) was already undone"
    case .runNotFound(let id):
      id.map { "no assist commits for run \($0) on the current branch" }
        ?? "no assist commits to undo on the current branch"
    case .undoConflicts(let run, let paths):
      "cannot undo run \(run): later changes touch the same lines in \(Self.list(paths))"
    case .headMoved: "HEAD moved while applying; nothing was committed"
    }
  }

  private static func list(_ paths: [String]) -> String {
    paths.count <= 8
      ? paths.joined(separator: ", ")
      : paths.prefix(8).joined(separator: ", ") + " and \(paths.count - 8) more"
  }
}
