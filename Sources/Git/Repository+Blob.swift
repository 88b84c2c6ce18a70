internal import CGit2

extension Repository {
  /// The bytes of `path` as committed in `revision`, or `nil` if the commit has no such file.
  ///
  /// The corresponding C functions are `git_tree_entry_bypath` and `git_blob_rawcontent`.
  /// - Parameters:
  ///   - path: The repository-relative path, with `/` separators.
  ///   - revision: A commit (`HEAD`, a branch, an id).
  /// - Returns: The blob's bytes, or `nil` when the path is absent or not a file.
  /// - Throws: ``GitError`` if `revision` does not resolve or the object store fails.
  package func blob(at path: String, in revision: String = "HEAD") throws(GitError) -> [UInt8]? {
    let commit = try resolve(revision)
    guard let tree = try lookupTree(ofCommit: commit) else { return nil }
    defer { git_tree_free(tree) }
    return try blob(at: path, tree: tree)
  }

  /// The text of `path` in `revision` (decoded as UTF-8, invalid bytes replaced).
  ///
  /// - Parameters:
  ///   - path: The repository-relative path.
  ///   - revision: A commit.
  /// - Returns: The text, or `nil` when the path is absent.
  /// - Throws: ``GitError`` if `revision` does not resolve.
  package func text(at path: String, in revision: String = "HEAD") throws(GitError) -> String? {
    try blob(at: path, in: revision).map { String(decoding: $0, as: UTF8.self) }
  }

  /// The bytes of the blob at `path` inside `tree`, or `nil` if absent or not a blob.
  func blob(at path: String, tree: OpaquePointer) throws(GitError) -> [UInt8]? {
    var entry: OpaquePointer?
    let rc = git_tree_entry_bypath(&entry, tree, path)
    if rc == GIT_ENOTFOUND.rawValue { return nil }
    try Git.check(rc, "git_tree_entry_bypath")
    defer { git_tree_entry_free(entry) }
    guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB, let oid = git_tree_entry_id(entry) else {
      return nil
    }
    var blob: OpaquePointer?
    try Git.check(git_blob_lookup(&blob, raw, oid), "git_blob_lookup")
    defer { git_blob_free(blob) }
    let size = Int(git_blob_rawsize(blob))
    guard size > 0, let bytes = git_blob_rawcontent(blob) else { return [] }
    return Array(UnsafeRawBufferPointer(start: bytes, count: size))
  }
}
