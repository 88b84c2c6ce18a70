internal import CGit2

extension Repository {
  /// Writes a commit of `tree` with `parents`, and moves `reference` to it if given.
  ///
  /// When `reference` is set, libgit2 refuses unless its current target is the first parent, so
  /// a concurrent commit cannot be lost. The author and committer come from the repository's
  /// `user.name`/`user.email`, or `assist <assist@localhost>` when those are not configured.
  /// The corresponding C function is `git_commit_create`.
  /// - Parameters:
  ///   - tree: The commit's tree.
  ///   - parents: Its parents (empty for a root commit).
  ///   - message: The full message (see ``Trailer/compose(message:trailers:)``).
  ///   - reference: The reference to update (`HEAD`, `refs/heads/x`), or `nil` for none.
  /// - Returns: The new commit's id.
  /// - Throws: ``GitError`` if an object is missing or the reference moved.
  @discardableResult
  package func commit(
    tree: ObjectID, parents: [ObjectID], message: String, updating reference: String? = "HEAD"
  ) throws(GitError) -> ObjectID {
    let treeObject = try lookupTree(tree)
    defer { git_tree_free(treeObject) }
    var parentObjects: [OpaquePointer?] = []
    defer { parentObjects.forEach { git_commit_free($0) } }
    for parent in parents { parentObjects.append(try lookupCommit(parent)) }
    var signature: UnsafeMutablePointer<git_signature>?
    if git_signature_default(&signature, raw) < 0 {
      try Git.check(
        git_signature_now(&signature, "assist", "assist@localhost"), "git_signature_now")
    }
    defer { git_signature_free(signature) }
    var oid = git_oid()
    var parentArray = parentObjects
    let rc = git_commit_create(
      &oid, raw, reference, signature, signature, "UTF-8", message, treeObject, parentArray.count,
      &parentArray)
    try Git.check(rc, "git_commit_create")
    return ObjectID(oid)
  }

  /// Reads a commit.
  ///
  /// The corresponding C functions are `git_commit_lookup` and `git_message_trailers`.
  /// - Parameter id: The commit's id.
  /// - Returns: Its tree, parents, message and trailers.
  /// - Throws: ``GitError`` with ``GitError/Code/notFound`` if there is no such commit.
  package func commitInfo(_ id: ObjectID) throws(GitError) -> CommitInfo {
    let commit = try lookupCommit(id)
    defer { git_commit_free(commit) }
    return Self.info(commit, id: id)
  }

  /// The commits reachable from `revision`, newest first (topological, then by time).
  ///
  /// The corresponding C functions are `git_revwalk_push` and `git_revwalk_next`.
  /// - Parameters:
  ///   - revision: Where to start (`HEAD` by default).
  ///   - limit: The most commits to return.
  /// - Returns: The commits; empty on an unborn branch.
  /// - Throws: ``GitError`` if the history cannot be read.
  package func log(from revision: String = "HEAD", limit: Int = 1000) throws(GitError)
    -> [CommitInfo]
  {
    if revision == "HEAD", try head().isUnborn { return [] }
    var start = try resolve(revision).oid
    var walk: OpaquePointer?
    try Git.check(git_revwalk_new(&walk, raw), "git_revwalk_new")
    defer { git_revwalk_free(walk) }
    try Git.check(
      git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue),
      "git_revwalk_sorting")
    try Git.check(git_revwalk_push(walk, &start), "git_revwalk_push")
    var result: [CommitInfo] = []
    var oid = git_oid()
    while result.count < limit {
      let rc = git_revwalk_next(&oid, walk)
      if rc == GIT_ITEROVER.rawValue { break }
      try Git.check(rc, "git_revwalk_next")
      result.append(try commitInfo(ObjectID(oid)))
    }
    return result
  }

  private static func info(_ commit: OpaquePointer, id: ObjectID) -> CommitInfo {
    let message = string(git_commit_message(commit)) ?? ""
    let tree = git_commit_tree_id(commit).map { ObjectID($0.pointee) } ?? id
    var parents: [ObjectID] = []
    for index in 0..<git_commit_parentcount(commit) {
      if let parent = git_commit_parent_id(commit, index) {
        parents.append(ObjectID(parent.pointee))
      }
    }
    var array = git_message_trailer_array()
    var trailers: [Trailer] = []
    if git_message_trailers(&array, message) == 0 {
      for index in 0..<array.count {
        let trailer = array.trailers[index]
        trailers.append(Trailer(string(trailer.key) ?? "", string(trailer.value) ?? ""))
      }
    }
    git_message_trailer_array_free(&array)
    return CommitInfo(id: id, tree: tree, parents: parents, message: message, trailers: trailers)
  }
}
