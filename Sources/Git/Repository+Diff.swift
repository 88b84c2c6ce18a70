internal import CGit2

extension Repository {
  /// The canonical `diff --git` patch (binary-safe) from one tree to another.
  ///
  /// Renames are not detected, so every path appears as written; binary files get full
  /// `GIT binary patch` data so that the patch can be applied. The corresponding C functions are
  /// `git_diff_tree_to_tree` and `git_diff_to_buf`.
  /// - Parameters:
  ///   - old: The old tree, or `nil` for the empty tree.
  ///   - new: The new tree.
  ///   - paths: Only these exact paths, or all when `nil`.
  /// - Returns: The patch text, for display (empty when the trees are equal); file content that
  ///   is not UTF-8 is shown with U+FFFD, so apply ``patch(from:to:paths:)`` instead.
  /// - Throws: ``GitError`` if a tree is missing.
  package func diff(from old: ObjectID?, to new: ObjectID, paths: [String]? = nil) throws(GitError)
    -> String
  {
    String(decoding: try patch(from: old, to: new, paths: paths), as: UTF8.self)
  }

  /// The same patch as ``diff(from:to:paths:)``, as the exact bytes to apply.
  ///
  /// - Parameters:
  ///   - old: The old tree, or `nil` for the empty tree.
  ///   - new: The new tree.
  ///   - paths: Only these exact paths, or all when `nil`.
  /// - Returns: The patch bytes (empty when the trees are equal).
  /// - Throws: ``GitError`` if a tree is missing.
  package func patch(from old: ObjectID?, to new: ObjectID, paths: [String]? = nil)
    throws(GitError) -> [UInt8]
  {
    let oldTree = try old.map { (id) throws(GitError) in try lookupTree(id) }
    defer { git_tree_free(oldTree) }
    let newTree = try lookupTree(new)
    defer { git_tree_free(newTree) }
    var options = git_diff_options()
    try Git.check(
      git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
    options.flags = GIT_DIFF_SHOW_BINARY.rawValue | GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
    if paths != nil { options.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue }
    return try withStrarray(paths ?? []) { (array) throws(GitError) -> [UInt8] in
      if paths != nil { options.pathspec = array }
      var diff: OpaquePointer?
      try Git.check(
        git_diff_tree_to_tree(&diff, raw, oldTree, newTree, &options), "git_diff_tree_to_tree")
      defer { git_diff_free(diff) }
      var buffer = git_buf()
      defer { git_buf_dispose(&buffer) }
      try Git.check(git_diff_to_buf(&buffer, diff, GIT_DIFF_FORMAT_PATCH), "git_diff_to_buf")
      guard let pointer = buffer.ptr else { return [] }
      return Array(UnsafeRawBufferPointer(start: pointer, count: buffer.size))
    }
  }

  /// The tree of commit `id`.
  ///
  /// - Parameter id: A commit.
  /// - Returns: Its tree's id.
  /// - Throws: ``GitError`` if there is no such commit.
  package func tree(ofCommit id: ObjectID) throws(GitError) -> ObjectID {
    try commitInfo(id).tree
  }
}
