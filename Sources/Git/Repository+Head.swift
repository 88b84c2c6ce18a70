internal import CGit2

extension Repository {
  /// Where HEAD points now.
  ///
  /// The corresponding C functions are `git_reference_lookup` and `git_reference_resolve`.
  /// - Returns: The branch and commit of HEAD.
  /// - Throws: ``GitError`` if HEAD cannot be read.
  package func head() throws(GitError) -> Head {
    var ref: OpaquePointer?
    try Git.check(git_reference_lookup(&ref, raw, "HEAD"), "git_reference_lookup")
    guard let ref else { throw GitError(code: .notFound, message: "no HEAD", function: "head") }
    defer { git_reference_free(ref) }
    let symbolic = git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC
    let name = symbolic ? string(git_reference_symbolic_target(ref)) : nil
    var resolved: OpaquePointer?
    let rc = git_reference_resolve(&resolved, ref)
    if rc == GIT_ENOTFOUND.rawValue { return Head(reference: name, commit: nil) }
    try Git.check(rc, "git_reference_resolve")
    defer { git_reference_free(resolved) }
    let commit = git_reference_target(resolved).map { ObjectID($0.pointee) }
    return Head(reference: name, commit: commit)
  }

  /// Resolves a revision (`HEAD`, a branch, a hex prefix, `HEAD~2`) to a commit id.
  ///
  /// The corresponding C function is `git_revparse_single` (peeled to a commit).
  /// - Parameter revision: Anything `git rev-parse` accepts for a commit.
  /// - Returns: The commit's id.
  /// - Throws: ``GitError`` with ``GitError/Code/notFound`` if nothing matches.
  package func resolve(_ revision: String) throws(GitError) -> ObjectID {
    var object: OpaquePointer?
    try Git.check(git_revparse_single(&object, raw, revision), "git_revparse_single")
    defer { git_object_free(object) }
    var commit: OpaquePointer?
    try Git.check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "git_object_peel")
    defer { git_object_free(commit) }
    guard let commit, let id = git_object_id(commit) else {
      throw GitError(code: .notFound, message: "\(revision) is not a commit", function: "resolve")
    }
    return ObjectID(id.pointee)
  }

  /// The local branches and the commits they point at.
  ///
  /// The corresponding C functions are `git_branch_iterator_new` and `git_branch_next`.
  /// - Returns: Short branch names mapped to their commits.
  /// - Throws: ``GitError`` if the references cannot be read.
  package func branches() throws(GitError) -> [String: ObjectID] {
    var iterator: OpaquePointer?
    try Git.check(
      git_branch_iterator_new(&iterator, raw, GIT_BRANCH_LOCAL), "git_branch_iterator_new")
    defer { git_branch_iterator_free(iterator) }
    var result: [String: ObjectID] = [:]
    while true {
      var ref: OpaquePointer?
      var type = GIT_BRANCH_LOCAL
      let rc = git_branch_next(&ref, &type, iterator)
      if rc == GIT_ITEROVER.rawValue { break }
      try Git.check(rc, "git_branch_next")
      defer { git_reference_free(ref) }
      if let name = string(git_reference_shorthand(ref)), let target = git_reference_target(ref) {
        result[name] = ObjectID(target.pointee)
      }
    }
    return result
  }

  /// Creates branch `name` at `commit`, refusing to move an existing branch.
  ///
  /// The corresponding C function is `git_branch_create`.
  /// - Parameters:
  ///   - name: The short branch name (`assist/abc123`).
  ///   - commit: The commit it starts at.
  /// - Throws: ``GitError`` with ``GitError/Code/exists`` if the branch exists, or for an invalid name.
  package func createBranch(_ name: String, at commit: ObjectID) throws(GitError) {
    let target = try lookupCommit(commit)
    defer { git_commit_free(target) }
    var ref: OpaquePointer?
    try Git.check(git_branch_create(&ref, raw, name, target, 0), "git_branch_create")
    git_reference_free(ref)
  }

  /// Deletes local branch `name`.
  ///
  /// The corresponding C function is `git_branch_delete`.
  /// - Parameter name: The short branch name.
  /// - Throws: ``GitError`` if it does not exist or is checked out.
  package func deleteBranch(_ name: String) throws(GitError) {
    var ref: OpaquePointer?
    try Git.check(git_branch_lookup(&ref, raw, name, GIT_BRANCH_LOCAL), "git_branch_lookup")
    defer { git_reference_free(ref) }
    try Git.check(git_branch_delete(ref), "git_branch_delete")
  }

  /// Points HEAD at `reference` (for example `refs/heads/assist/abc`) without touching any file.
  ///
  /// Use it only when the branch's tree equals the current HEAD's, as right after creating it.
  /// The corresponding C function is `git_repository_set_head`.
  /// - Parameter reference: The full reference name.
  /// - Throws: ``GitError`` if the reference is invalid.
  package func setHead(_ reference: String) throws(GitError) {
    try Git.check(git_repository_set_head(raw, reference), "git_repository_set_head")
  }

  /// Looks a commit up; the caller frees it with `git_commit_free`.
  func lookupCommit(_ id: ObjectID) throws(GitError) -> OpaquePointer {
    var oid = id.oid
    var commit: OpaquePointer?
    try Git.check(git_commit_lookup(&commit, raw, &oid), "git_commit_lookup")
    guard let commit else {
      throw GitError(code: .notFound, message: "no commit \(id.short)", function: "lookupCommit")
    }
    return commit
  }

  /// Looks up the tree of `commit` (or `nil` for the empty tree); the caller frees it.
  func lookupTree(ofCommit commit: ObjectID?) throws(GitError) -> OpaquePointer? {
    guard let commit else { return nil }
    let raw = try lookupCommit(commit)
    defer { git_commit_free(raw) }
    var tree: OpaquePointer?
    try Git.check(git_commit_tree(&tree, raw), "git_commit_tree")
    return tree
  }

  /// Looks up a tree by id; the caller frees it with `git_tree_free`.
  func lookupTree(_ id: ObjectID) throws(GitError) -> OpaquePointer {
    var oid = id.oid
    var tree: OpaquePointer?
    try Git.check(git_tree_lookup(&tree, raw, &oid), "git_tree_lookup")
    guard let tree else {
      throw GitError(code: .notFound, message: "no tree \(id.short)", function: "lookupTree")
    }
    return tree
  }
}
