internal import CGit2
internal import Glibc

/// Where a patch is checked or applied.
package enum ApplyLocation: Sendable, Equatable {
  /// The working tree only (`git apply`).
  case workingTree
  /// The index only (`git apply --cached`).
  case index
  /// Index and working tree together, which must agree on every touched file (`git apply --index`).
  case both

  var raw: git_apply_location_t {
    switch self {
    case .workingTree: GIT_APPLY_LOCATION_WORKDIR
    case .index: GIT_APPLY_LOCATION_INDEX
    case .both: GIT_APPLY_LOCATION_BOTH
    }
  }
}

/// Which file and hunk libgit2 was working on, recorded by the apply callbacks.
private final class ApplyTracker {
  var path: String?
  var hunk = 0
  var hunkHeader: String?
}

extension Repository {
  /// Parses a unified diff into plain values without looking at the repository.
  ///
  /// - Parameters:
  ///   - diff: A unified diff (git or traditional form), as bytes.
  ///   - isNormalized: Whether `diff` is already ``PatchText/normalized(_:)`` (skips that pass).
  /// - Returns: Its files and hunks.
  /// - Throws: ``GitError`` with ``GitError/Code/malformedPatch`` or ``GitError/Code/emptyPatch``.
  package static func parse(diff: [UInt8], isNormalized: Bool = false) throws(GitError) -> Patch {
    try ParsedDiff(bytes: diff, isNormalized: isNormalized).patch()
  }

  /// ``parse(diff:isNormalized:)-([UInt8],_)`` for a patch written as Unicode text.
  package static func parse(diff: String, isNormalized: Bool = false) throws(GitError) -> Patch {
    try parse(diff: Array(diff.utf8), isNormalized: isNormalized)
  }

  /// Checks whether `diff` applies to the index and/or working tree, changing nothing.
  ///
  /// The corresponding C function is `git_apply` with `GIT_APPLY_CHECK`.
  /// - Parameters:
  ///   - diff: A unified diff, as bytes (file content in any encoding is kept exactly).
  ///   - location: What to check against.
  /// - Returns: The parsed patch and, per failing file, which hunk fails and why.
  /// - Throws: ``GitError`` for a malformed or empty patch, or if the repository cannot be read.
  package func check(diff: [UInt8], location: ApplyLocation = .both) throws(GitError) -> PatchCheck
  {
    let index = try openIndex()
    defer { git_index_free(index) }
    let parsed = try ParsedDiff(bytes: diff, mode: { Self.mode(of: $0, in: index) })
    let patch = try parsed.patch()
    let failures = try failures(of: parsed) { (diff) throws(GitError) -> ApplyFailure? in
      try self.runApply(diff, location: location, checkOnly: true)
    }
    return PatchCheck(
      patch: patch, failures: merged(try collisions(patch, location: location), failures))
  }

  /// Checks whether `diff` applies to the tree of `revision` (HEAD by default), changing nothing.
  ///
  /// The corresponding C function is `git_apply_to_tree`.
  /// - Parameters:
  ///   - diff: A unified diff, as bytes (file content in any encoding is kept exactly).
  ///   - revision: The commit whose tree is the preimage.
  ///   - isNormalized: Whether `diff` is already ``PatchText/normalized(_:)`` (skips that pass).
  /// - Returns: The parsed patch and its failures.
  /// - Throws: ``GitError`` for a malformed or empty patch or an unknown revision.
  package func check(diff: [UInt8], against revision: String, isNormalized: Bool = false)
    throws(GitError) -> PatchCheck
  {
    let base = try head().isUnborn && revision == "HEAD" ? nil : resolve(revision)
    let baseTree = try lookupTree(ofCommit: base)
    defer { git_tree_free(baseTree) }
    let parsed = try ParsedDiff(
      bytes: diff, isNormalized: isNormalized, mode: { Self.mode(of: $0, inTree: baseTree) })
    let patch = try parsed.patch()
    let scratch = try ScratchRepository(gitDirectory: gitDirectory)
    let failures = try failures(of: parsed) { (diff) throws(GitError) -> ApplyFailure? in
      try Self.applyToTree(diff, base: base, in: scratch.raw, writeTree: false).failure
    }
    return PatchCheck(
      patch: patch, failures: merged(try collisions(patch, tree: base), failures))
  }

  /// Applies `diff` all-or-nothing: a dry run first, then the real write.
  ///
  /// When the patch does not apply, nothing is written and the error lists every failing file.
  /// The corresponding C function is `git_apply` (with `GIT_APPLY_CHECK`, then without).
  /// - Parameters:
  ///   - diff: A unified diff, as bytes (file content in any encoding is kept exactly).
  ///   - location: Where to apply it.
  /// - Returns: The parsed patch.
  /// - Throws: ``GitError`` with ``GitError/Code/applyFailed`` and ``GitError/failures``.
  @discardableResult
  package func apply(diff: [UInt8], location: ApplyLocation = .both) throws(GitError) -> Patch {
    let index = try openIndex()
    defer { git_index_free(index) }
    let parsed = try ParsedDiff(bytes: diff, mode: { Self.mode(of: $0, in: index) })
    let patch = try parsed.patch()
    var failures = try collisions(patch, location: location)
    if failures.isEmpty {
      failures = try self.failures(of: parsed) { (diff) throws(GitError) -> ApplyFailure? in
        try self.runApply(diff, location: location, checkOnly: true)
      }
    }
    guard failures.isEmpty else {
      throw GitError(
        code: .applyFailed, message: "patch does not apply", function: "git_apply",
        failures: failures)
    }
    if let failure = try runApply(parsed, location: location, checkOnly: false) {
      throw GitError(
        code: .applyFailed, message: failure.reason, function: "git_apply", failures: [failure])
    }
    return patch
  }

  /// The tree that results from applying `diff` to `commit`'s tree (the empty tree for `nil`).
  ///
  /// Only objects are written; no reference, index or file changes.
  /// The corresponding C functions are `git_apply_to_tree` and `git_index_write_tree_to`.
  /// - Parameters:
  ///   - diff: A unified diff, as bytes (file content in any encoding is kept exactly).
  ///   - commit: The base commit, or `nil` for an unborn branch.
  ///   - isNormalized: Whether `diff` is already ``PatchText/normalized(_:)`` (skips that pass).
  /// - Returns: The new tree's id.
  /// - Throws: ``GitError`` with ``GitError/Code/applyFailed`` and ``GitError/failures``.
  package func tree(applying diff: [UInt8], to commit: ObjectID?, isNormalized: Bool = false)
    throws(GitError) -> ObjectID
  {
    let baseTree = try lookupTree(ofCommit: commit)
    defer { git_tree_free(baseTree) }
    let parsed = try ParsedDiff(
      bytes: diff, isNormalized: isNormalized, mode: { Self.mode(of: $0, inTree: baseTree) })
    var failures = try collisions(parsed.patch(), tree: commit)
    if failures.isEmpty {
      // Applied in memory first, so that a failing patch writes no object at all.
      let scratch = try ScratchRepository(gitDirectory: gitDirectory)
      let dryRun = try Self.applyToTree(parsed, base: commit, in: scratch.raw, writeTree: true)
      if let tree = dryRun.tree {
        if parsed.count >= Self.packThreshold {
          let paths = try parsed.patch().touchedPaths
          try scratch.persist(tree: tree, paths: paths, into: gitDirectory)
          return tree
        }
        let result = try Self.applyToTree(parsed, base: commit, in: raw, writeTree: true)
        if let tree = result.tree { return tree }
        failures = result.failure.map { [$0] } ?? []
      } else {
        failures = try self.failures(of: parsed) { (diff) throws(GitError) -> ApplyFailure? in
          try Self.applyToTree(diff, base: commit, in: scratch.raw, writeTree: false).failure
        }
      }
    }
    throw GitError(
      code: .applyFailed, message: "patch does not apply", function: "git_apply_to_tree",
      failures: failures)
  }

  // MARK: - Internals

  /// The repository's index; the caller frees it with `git_index_free`.
  private func openIndex() throws(GitError) -> OpaquePointer? {
    var index: OpaquePointer?
    try Git.check(git_repository_index(&index, raw), "git_repository_index")
    return index
  }

  /// The mode of `path` in `index`, if it is there.
  private static func mode(of path: String, in index: OpaquePointer?) -> UInt32? {
    git_index_get_bypath(index, path, 0).map { $0.pointee.mode }
  }

  /// The mode of `path` in `tree`, if it is there.
  private static func mode(of path: String, inTree tree: OpaquePointer?) -> UInt32? {
    guard let tree else { return nil }
    var entry: OpaquePointer?
    guard git_tree_entry_bypath(&entry, tree, path) == 0 else { return nil }
    defer { git_tree_entry_free(entry) }
    return git_tree_entry_filemode(entry).rawValue
  }

  /// From this many files on, new objects are written as one pack rather than loose files
  /// (git's own `transfer.unpackLimit` is 100).
  static let packThreshold = 100

  /// Paths the patch creates (new files, rename and copy targets) that already exist.
  ///
  /// libgit2 1.5 happily "creates" a file over an existing one, so this is checked first.
  private func collisions(_ patch: Patch, location: ApplyLocation) throws(GitError)
    -> [ApplyFailure]
  {
    var index: OpaquePointer?
    try Git.check(git_repository_index(&index, raw), "git_repository_index")
    defer { git_index_free(index) }
    return Self.created(patch).compactMap { path in
      if location != .workingTree, git_index_get_bypath(index, path, 0) != nil {
        return ApplyFailure(path: path, reason: "already exists in the index")
      }
      if location != .index, let absolute = absolutePath(of: path), Self.exists(absolute) {
        return ApplyFailure(path: path, reason: "already exists in the working tree")
      }
      return nil
    }
  }

  /// Paths the patch creates that already exist in `commit`'s tree.
  private func collisions(_ patch: Patch, tree commit: ObjectID?) throws(GitError)
    -> [ApplyFailure]
  {
    guard let tree = try lookupTree(ofCommit: commit) else { return [] }
    defer { git_tree_free(tree) }
    var failures: [ApplyFailure] = []
    for path in Self.created(patch) {
      var entry: OpaquePointer?
      if git_tree_entry_bypath(&entry, tree, path) == 0 {
        git_tree_entry_free(entry)
        failures.append(ApplyFailure(path: path, reason: "already exists in the base commit"))
      }
    }
    return failures
  }

  /// The paths a patch brings into existence, minus those it also removes or renames away.
  private static func created(_ patch: Patch) -> [String] {
    let freed = Set(
      patch.files.filter { $0.status == .deleted || $0.status == .renamed }.compactMap(\.oldPath))
    return patch.files
      .filter { [.added, .renamed, .copied].contains($0.status) }
      .compactMap(\.newPath)
      .filter { !freed.contains($0) }
  }

  /// Whether anything (file, folder, symlink, even a dangling one) exists at `path`.
  private static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  /// Failures from both sources, one per path (the first wins).
  private func merged(_ first: [ApplyFailure], _ second: [ApplyFailure]) -> [ApplyFailure] {
    var seen = Set(first.compactMap(\.path))
    return first + second.filter { $0.path.map { seen.insert($0).inserted } ?? true }
  }

  /// Runs `attempt` on the whole diff; on failure, on each file alone, to name every failing file.
  private func failures(
    of parsed: borrowing ParsedDiff,
    _ attempt: (borrowing ParsedDiff) throws(GitError) -> ApplyFailure?
  ) throws(GitError) -> [ApplyFailure] {
    guard let whole = try attempt(parsed) else { return [] }
    guard parsed.count > 1 else { return [whole] }
    var failures: [ApplyFailure] = []
    for section in parsed.fileSections {
      let single = try ParsedDiff(bytes: section, allowEmpty: true, isNormalized: true)
      guard single.count > 0 else { continue }
      if let failure = try attempt(single) { failures.append(failure) }
    }
    return failures.isEmpty ? [whole] : failures
  }

  /// Whether a failed `git_apply*` call means "the patch does not fit" rather than an I/O error.
  private static func isApplyFailure(_ rc: CInt) -> Bool {
    // libgit2 reports most apply problems as GIT_EAPPLYFAIL, but a missing preimage file
    // surfaces as GIT_ENOTFOUND, an existing postimage as GIT_EEXISTS, and a conflicting
    // checkout of the postimage as GIT_ECONFLICT.
    [GIT_EAPPLYFAIL.rawValue, GIT_ENOTFOUND.rawValue, GIT_EEXISTS.rawValue, GIT_ECONFLICT.rawValue]
      .contains(rc)
  }

  private static func failure(_ error: GitError, tracker: ApplyTracker) -> ApplyFailure {
    let isHunk = error.message.contains("hunk")
    return ApplyFailure(
      path: tracker.path, hunk: isHunk ? tracker.hunk : nil,
      hunkHeader: isHunk ? tracker.hunkHeader : nil, reason: error.message)
  }

  /// Calls `git_apply`; returns the failure when the patch does not fit, `nil` on success.
  private func runApply(_ diff: borrowing ParsedDiff, location: ApplyLocation, checkOnly: Bool)
    throws(GitError) -> ApplyFailure?
  {
    let tracker = ApplyTracker()
    var options = try Self.applyOptions(tracker: tracker)
    if checkOnly { options.flags = GIT_APPLY_CHECK.rawValue }
    let rc = git_apply(raw, diff.raw, location.raw, &options)
    withExtendedLifetime(tracker) {}
    guard rc < 0 else { return nil }
    let error = lastError(rc, "git_apply")
    guard Self.isApplyFailure(rc) else { throw error }
    return Self.failure(error, tracker: tracker)
  }

  /// Applies `diff` to `base`'s tree inside `repository`; returns the new tree or why it does not fit.
  ///
  /// With `writeTree == false` the result is only checked (the returned tree is `nil`).
  private static func applyToTree(
    _ diff: borrowing ParsedDiff, base: ObjectID?, in repository: OpaquePointer, writeTree: Bool
  ) throws(GitError) -> (tree: ObjectID?, failure: ApplyFailure?) {
    var tree: OpaquePointer?
    if let base {
      var oid = base.oid
      var commit: OpaquePointer?
      try Git.check(git_commit_lookup(&commit, repository, &oid), "git_commit_lookup")
      defer { git_commit_free(commit) }
      try Git.check(git_commit_tree(&tree, commit), "git_commit_tree")
    } else {
      var builder: OpaquePointer?
      try Git.check(git_treebuilder_new(&builder, repository, nil), "git_treebuilder_new")
      defer { git_treebuilder_free(builder) }
      var oid = git_oid()
      try Git.check(git_treebuilder_write(&oid, builder), "git_treebuilder_write")
      try Git.check(git_tree_lookup(&tree, repository, &oid), "git_tree_lookup")
    }
    defer { git_tree_free(tree) }
    let tracker = ApplyTracker()
    var options = try applyOptions(tracker: tracker)
    var index: OpaquePointer?
    let rc = git_apply_to_tree(&index, repository, tree, diff.raw, &options)
    withExtendedLifetime(tracker) {}
    if rc < 0 {
      let error = lastError(rc, "git_apply_to_tree")
      guard isApplyFailure(rc) else { throw error }
      return (nil, failure(error, tracker: tracker))
    }
    defer { git_index_free(index) }
    guard writeTree else { return (nil, nil) }
    var oid = git_oid()
    try Git.check(git_index_write_tree_to(&oid, index, repository), "git_index_write_tree_to")
    return (ObjectID(oid), nil)
  }

  /// The id of the empty tree, written to the object store if needed.
  ///
  /// The corresponding C function is `git_treebuilder_write`.
  /// - Returns: The empty tree's id.
  /// - Throws: ``GitError`` if the object store cannot be written.
  package func emptyTree() throws(GitError) -> ObjectID {
    var builder: OpaquePointer?
    try Git.check(git_treebuilder_new(&builder, raw, nil), "git_treebuilder_new")
    defer { git_treebuilder_free(builder) }
    var oid = git_oid()
    try Git.check(git_treebuilder_write(&oid, builder), "git_treebuilder_write")
    return ObjectID(oid)
  }

  /// Apply options whose callbacks record the current file and hunk in `tracker`.
  private static func applyOptions(tracker: ApplyTracker) throws(GitError) -> git_apply_options {
    var options = git_apply_options()
    try Git.check(
      git_apply_options_init(&options, UInt32(GIT_APPLY_OPTIONS_VERSION)), "git_apply_options_init")
    options.payload = Unmanaged.passUnretained(tracker).toOpaque()
    options.delta_cb = { delta, payload in
      guard let payload, let delta else { return 0 }
      let tracker = Unmanaged<ApplyTracker>.fromOpaque(payload).takeUnretainedValue()
      tracker.path = string(delta.pointee.new_file.path) ?? string(delta.pointee.old_file.path)
      tracker.hunk = 0
      tracker.hunkHeader = nil
      return 0
    }
    options.hunk_cb = { hunk, payload in
      guard let payload, let hunk else { return 0 }
      let tracker = Unmanaged<ApplyTracker>.fromOpaque(payload).takeUnretainedValue()
      tracker.hunk += 1
      tracker.hunkHeader = ParsedDiff.headerText(hunk.pointee)
      return 0
    }
    return options
  }
}
