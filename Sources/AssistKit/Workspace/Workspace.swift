import Foundation
package import Git

/// The only owner of the user's repository: every change assist makes goes through here.
///
/// The rules it enforces before writing anything: the repository lock is free, no merge or rebase
/// is in progress, every path passes ``PathPolicy``, no touched file has uncommitted changes, and
/// the whole patch applies to HEAD. Then it writes objects first (tree, commit), applies the patch
/// to index and working tree all-or-nothing, and only then moves the branch — so an interrupted
/// run leaves a repository that `git fsck` accepts and `git status` explains.
package actor Workspace {
  private let repository: Repository
  private let policy: PathPolicy
  /// The working tree's root.
  package let root: String

  /// Opens the repository containing `path`.
  ///
  /// - Parameter path: Any folder inside the working tree.
  /// - Throws: ``WorkspaceError/notARepository(_:)`` or ``WorkspaceError/bareRepository``.
  package init(at path: String) throws {
    let repository: Repository
    do {
      repository = try Repository.discover(from: path)
    } catch {
      throw WorkspaceError.notARepository(path)
    }
    guard let root = repository.workingDirectory else { throw WorkspaceError.bareRepository }
    self.repository = repository
    self.root = root
    self.policy = PathPolicy(root: root)
  }

  /// Where HEAD points.
  ///
  /// - Returns: The branch and commit.
  /// - Throws: ``GitError`` if HEAD cannot be read.
  package func head() throws -> Head { try repository.head() }

  /// The bytes of `path` at `revision` (HEAD by default), or `nil` if absent.
  ///
  /// - Parameters:
  ///   - path: A repository-relative path.
  ///   - revision: A commit.
  /// - Returns: The committed bytes.
  /// - Throws: ``GitError`` if the revision does not resolve.
  package func blob(at path: String, in revision: String = "HEAD") throws -> [UInt8]? {
    try repository.blob(at: path, in: revision)
  }

  /// Checks `patch` against every rule without writing anything.
  ///
  /// - Parameter patch: A unified diff, as bytes (file content in any encoding is kept exactly).
  /// - Returns: What the patch contains and every reason it would be refused.
  /// - Throws: ``WorkspaceError/nothingToApply`` for an empty patch, ``GitError`` for a malformed one.
  package func check(patch: [UInt8]) throws -> PatchReport {
    let patch = PatchText.normalized(patch)
    var report = try rules(patch)
    if report.unsafePaths.isEmpty {
      report.failures = try repository.check(diff: patch, against: "HEAD", isNormalized: true)
        .failures
    }
    return report
  }

  /// The path and clean-file rules only (no apply check), for a normalised patch.
  func rules(_ patch: [UInt8]) throws -> PatchReport {
    let parsed = try Self.parse(patch)
    let declared = PatchText.declaredPaths(in: patch, isNormalized: true)
    let unsafe = policy.violations(in: parsed, declared: declared)
    guard unsafe.isEmpty else {
      return PatchReport(patch: parsed, unsafePaths: unsafe, uncommitted: [], failures: [])
    }
    return PatchReport(
      patch: parsed, unsafePaths: [], uncommitted: try uncommittedPaths(parsed), failures: [])
  }

  /// Applies `patch` and commits it with `metadata`'s message and trailers.
  ///
  /// - Parameters:
  ///   - patch: A unified diff (git or traditional form), as bytes: every byte of file content
  ///     lands as it is, whatever the encoding.
  ///   - metadata: The commit message, run id and trailers.
  ///   - placement: A new branch (default `assist/<run id>`) or the current branch.
  /// - Returns: The commit made and the files it changed.
  /// - Throws: ``WorkspaceError`` when a rule refuses the patch (nothing is written then).
  package func apply(
    patch: [UInt8], metadata: CommitMetadata, placement: Placement = .newBranch(nil)
  ) throws -> LandedChange {
    let lock = try RepositoryLock(
      gitDirectory: repository.gitDirectory, purpose: "apply run \(metadata.runID)")
    try refuseDuringOperation()
    let patch = PatchText.normalized(patch)
    let report = try rules(patch)
    if let error = report.error { throw error }
    let head = try repository.head()
    let target = try target(for: placement, runID: metadata.runID, head: head)
    let tree = try Self.translating { () throws(GitError) in
      try repository.tree(applying: patch, to: head.commit, isNormalized: true)
    }
    let commit = try land(
      report: report, tree: tree, message: metadata.fullMessage, head: head,
      target: target, lock: lock)
    return LandedChange(
      runID: metadata.runID, branch: target.branch, commit: commit, parent: head.commit,
      files: report.patch.files, recoveredInterruption: lock.interrupted)
  }

  // MARK: - Shared by apply and undo

  /// Where a commit goes: the reference to move, what it must point at now, and its branch name.
  struct Target {
    var reference: String
    var expected: ObjectID?
    var branch: String?
    var switchHead: Bool
  }

  func target(for placement: Placement, runID: String, head: Head) throws -> Target {
    switch placement {
    case .currentBranch:
      return Target(
        reference: head.reference ?? "HEAD", expected: head.commit, branch: head.branch,
        switchHead: false)
    case .newBranch(let name):
      let branch = name ?? "assist/\(runID)"
      guard Repository.isValidBranchName(branch) else {
        throw WorkspaceError.invalidBranchName(branch)
      }
      if repository.referenceExists("refs/heads/" + branch) {
        throw WorkspaceError.branchExists(branch)
      }
      return Target(
        reference: "refs/heads/" + branch, expected: nil, branch: branch, switchHead: true)
    }
  }

  /// Writes the commit object, applies `patch` to index and working tree, then moves the branch.
  func land(
    report: PatchReport, tree: ObjectID, message: String, head: Head,
    target: Target, lock: RepositoryLock
  ) throws -> ObjectID {
    let commit = try repository.commit(
      tree: tree, parents: head.commit.map { [$0] } ?? [], message: message, updating: nil)
    let files = report.patch.touchedPaths.prefix(20).joined(separator: ", ")
    lock.record(
      "\(ProcessInfo.processInfo.processIdentifier)\n"
        + "writing commit \(commit.short) to \(target.reference) (files: \(files))\n")
    // The tree is libgit2's own application of the patch (`git_apply_to_tree`, after a dry run in
    // memory); checking it out for the touched paths makes index and working tree equal to the
    // commit, all-or-nothing. This writes each file once, where `git_apply` would re-apply the
    // patch twice more (check, then real), and it works on existing symlinks, which libgit2 1.5's
    // working-tree reader follows and then reports as "does not match index".
    let checkout = Result { () throws(GitError) in
      try repository.checkout(tree: tree, paths: report.patch.touchedPaths)
    }
    if case .failure(let error) = checkout {
      throw error.code == .conflict
        ? WorkspaceError.uncommittedChanges(report.patch.touchedPaths) : error
    }
    do {
      try repository.updateReference(
        target.reference, to: commit, expecting: target.expected,
        message: "assist: " + (message.split(separator: "\n").first.map(String.init) ?? ""))
    } catch {
      // Someone moved the branch meanwhile: put index and working tree back as they were.
      let before = try head.commit.map { try repository.tree(ofCommit: $0) }
      let back = try repository.patch(
        from: tree, to: before ?? repository.emptyTree(), paths: report.patch.touchedPaths)
      if !back.isEmpty { try repository.apply(diff: back, location: .both) }
      throw WorkspaceError.headMoved
    }
    if target.switchHead { try repository.setHead(target.reference) }
    return commit
  }

  func refuseDuringOperation() throws {
    if let operation = repository.operationInProgress {
      throw WorkspaceError.operationInProgress(operation)
    }
  }

  /// Touched paths with staged, unstaged, untracked or conflicted changes, or that a new file
  /// would overwrite (even an ignored one).
  func uncommittedPaths(_ patch: Patch) throws -> [String] {
    let touched = patch.touchedPaths
    var dirty = Set(try repository.status(paths: touched).map(\.path))
    let removed = Set(
      patch.files.filter { $0.status == .deleted || $0.status == .renamed }.compactMap(\.oldPath))
    let unborn = try repository.head().isUnborn
    for file in patch.files where [.added, .copied, .renamed].contains(file.status) {
      guard let path = file.newPath, !removed.contains(path) else { continue }
      let absolute = root + "/" + path
      let exists =
        FileManager.default.fileExists(atPath: absolute)
        || (try? FileManager.default.destinationOfSymbolicLink(atPath: absolute)) != nil
      // An ignored or untracked file there would be overwritten; a tracked one fails the check.
      if exists, try unborn || repository.blob(at: path) == nil { dirty.insert(path) }
    }
    return touched.filter(dirty.contains)
  }

  static func parse(_ patch: [UInt8]) throws -> Patch {
    try translating { () throws(GitError) in
      try Repository.parse(diff: patch, isNormalized: true)
    }
  }

  /// Runs `body`, turning libgit2's "does not apply" and "nothing to apply" into workspace errors.
  static func translating<T>(_ body: () throws(GitError) -> T) throws -> T {
    let result = Result { () throws(GitError) -> T in try body() }
    switch result {
    case .success(let value): return value
    case .failure(let error):
      switch error.code {
      case .applyFailed: throw WorkspaceError.doesNotApply(error.failures)
      case .emptyPatch: throw WorkspaceError.nothingToApply
      default: throw error
      }
    }
  }
}

// Small accessors for the extensions in other files, which cannot see `repository`.
extension Workspace {
  var repositoryGitDirectory: String { repository.gitDirectory }
  func currentHead() throws -> Head { try repository.head() }
  func history() throws -> [CommitInfo] { try repository.log(limit: Self.historyLimit) }
  func treeOf(_ commit: ObjectID) throws -> ObjectID { try repository.tree(ofCommit: commit) }
  func revert(_ commit: ObjectID, onto: ObjectID) throws -> RevertResult {
    try repository.revert(commit, onto: onto)
  }
  func commitObject(tree: ObjectID, parent: ObjectID) throws -> ObjectID {
    try repository.commit(
      tree: tree, parents: [parent], message: "assist undo step\n", updating: nil)
  }
  func diff(from head: Head, to tree: ObjectID) throws -> [UInt8] {
    let before = try head.commit.map { try repository.tree(ofCommit: $0) }
    return try repository.patch(from: before, to: tree)
  }
}

// Patches written as Unicode text (by models, by tests) are their UTF-8 bytes.
extension Workspace {
  /// ``check(patch:)-([UInt8])`` for a patch written as Unicode text.
  package func check(patch: String) throws -> PatchReport { try check(patch: Array(patch.utf8)) }

  /// ``apply(patch:metadata:placement:)-([UInt8],_,_)`` for a patch written as Unicode text.
  package func apply(
    patch: String, metadata: CommitMetadata, placement: Placement = .newBranch(nil)
  ) throws -> LandedChange {
    try apply(patch: Array(patch.utf8), metadata: metadata, placement: placement)
  }
}
