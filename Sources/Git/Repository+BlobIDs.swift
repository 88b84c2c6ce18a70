internal import CGit2

extension Repository {
  /// Every file committed in `revision` with the id of its blob: what an index keyed by content
  /// needs to know which files changed since it last looked.
  ///
  /// The corresponding C function is `git_tree_walk`.
  /// - Parameter revision: A commit (`HEAD`, a branch, an id).
  /// - Returns: Repository-relative path → blob id; empty for an unborn HEAD.
  /// - Throws: ``GitError`` if `revision` does not resolve.
  package func blobIDs(in revision: String = "HEAD") throws(GitError) -> [String: ObjectID] {
    let commit: ObjectID
    do {
      commit = try resolve(revision)
    } catch
      where error.code == GitError.Code(rawValue: -9)
      || (revision == "HEAD" && error.code == .notFound)
    {
      return [:]  // unborn branch: nothing committed yet (a missing revision still throws)
    }
    guard let tree = try lookupTree(ofCommit: commit) else { return [:] }
    defer { git_tree_free(tree) }
    final class Collector { var ids: [String: ObjectID] = [:] }
    let collector = Collector()
    let rc = withExtendedLifetime(collector) {
      git_tree_walk(
        tree, GIT_TREEWALK_PRE,
        { root, entry, payload in
          guard let entry, let payload, git_tree_entry_type(entry) == GIT_OBJECT_BLOB,
            let name = git_tree_entry_name(entry), let oid = git_tree_entry_id(entry)
          else { return 0 }
          let collector = Unmanaged<Collector>.fromOpaque(payload).takeUnretainedValue()
          let path = (root.map { String(cString: $0) } ?? "") + String(cString: name)
          collector.ids[path] = ObjectID(oid.pointee)
          return 0
        }, Unmanaged.passUnretained(collector).toOpaque())
    }
    try Git.check(rc, "git_tree_walk")
    return collector.ids
  }
}
