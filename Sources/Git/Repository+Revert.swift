internal import CGit2

/// The result of reverting a commit in memory.
package struct RevertResult: Sendable, Equatable {
  /// The reverted tree, or `nil` when the revert conflicts.
  package var tree: ObjectID?
  /// The paths where later changes overlap the reverted lines.
  package var conflicts: [String]

  /// Creates a result.
  package init(tree: ObjectID?, conflicts: [String]) {
    self.tree = tree
    self.conflicts = conflicts
  }
}

extension Repository {
  /// Reverts `commit` on top of `onto` in memory (a three-way merge, as `git revert` does).
  ///
  /// Nothing is written except the resulting tree's objects.
  /// The corresponding C function is `git_revert_commit`.
  /// - Parameters:
  ///   - commit: The commit to revert (not a merge).
  ///   - onto: The commit whose tree the revert is applied to (usually HEAD).
  /// - Returns: The reverted tree, or the conflicting paths.
  /// - Throws: ``GitError`` if a commit is missing or is a merge commit.
  package func revert(_ commit: ObjectID, onto: ObjectID) throws(GitError) -> RevertResult {
    let reverted = try lookupCommit(commit)
    defer { git_commit_free(reverted) }
    let ours = try lookupCommit(onto)
    defer { git_commit_free(ours) }
    var options = git_merge_options()
    try Git.check(
      git_merge_options_init(&options, UInt32(GIT_MERGE_OPTIONS_VERSION)), "git_merge_options_init")
    var index: OpaquePointer?
    try Git.check(git_revert_commit(&index, raw, reverted, ours, 0, &options), "git_revert_commit")
    defer { git_index_free(index) }
    if git_index_has_conflicts(index) != 0 {
      return RevertResult(tree: nil, conflicts: try conflictPaths(index))
    }
    var oid = git_oid()
    try Git.check(git_index_write_tree_to(&oid, index, raw), "git_index_write_tree_to")
    return RevertResult(tree: ObjectID(oid), conflicts: [])
  }

  private func conflictPaths(_ index: OpaquePointer?) throws(GitError) -> [String] {
    var iterator: OpaquePointer?
    try Git.check(
      git_index_conflict_iterator_new(&iterator, index), "git_index_conflict_iterator_new")
    defer { git_index_conflict_iterator_free(iterator) }
    var paths: [String] = []
    while true {
      var ancestor: UnsafePointer<git_index_entry>?
      var ours: UnsafePointer<git_index_entry>?
      var theirs: UnsafePointer<git_index_entry>?
      let rc = git_index_conflict_next(&ancestor, &ours, &theirs, iterator)
      if rc == GIT_ITEROVER.rawValue { break }
      try Git.check(rc, "git_index_conflict_next")
      if let entry = ours ?? theirs ?? ancestor, let path = string(entry.pointee.path) {
        paths.append(path)
      }
    }
    return paths
  }
}
