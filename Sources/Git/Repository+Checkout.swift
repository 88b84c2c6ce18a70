internal import CGit2

extension Repository {
  /// Makes index and working tree match `tree` at `paths`, refusing to overwrite local changes.
  ///
  /// libgit2 computes every action before writing, so a conflict leaves everything untouched.
  /// Used instead of `git_apply` when a patch changes an existing symlink: libgit2 1.5's
  /// working-tree reader follows the link and then reports "does not match index".
  /// The corresponding C function is `git_checkout_tree` (with `GIT_CHECKOUT_SAFE`).
  /// - Parameters:
  ///   - tree: The tree to check out (HEAD's tree is the baseline).
  ///   - paths: The exact repository-relative paths to update, create or remove.
  /// - Throws: ``GitError`` with ``GitError/Code/conflict`` if a path has local changes.
  package func checkout(tree: ObjectID, paths: [String]) throws(GitError) {
    guard !paths.isEmpty else { return }
    let object = try lookupTree(tree)
    defer { git_tree_free(object) }
    var options = git_checkout_options()
    try Git.check(
      git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)),
      "git_checkout_options_init")
    options.checkout_strategy =
      GIT_CHECKOUT_SAFE.rawValue | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH.rawValue
    try withStrarray(paths) { (array) throws(GitError) in
      options.paths = array
      try Git.check(git_checkout_tree(raw, object, &options), "git_checkout_tree")
    }
  }
}
