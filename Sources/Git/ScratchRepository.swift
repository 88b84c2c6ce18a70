internal import CGit2

/// A bare, in-memory view of a repository: it reads the real objects, and every object it writes
/// stays in memory and vanishes with it.
///
/// Dry runs (`git_apply_to_tree` for a check) write each postimage blob; here they write nothing
/// to disk, so a failing or merely checked patch leaves the object store untouched.
final class ScratchRepository {
  /// The `git_repository *` over the in-memory object store, freed in `deinit`.
  let raw: OpaquePointer

  /// Creates the view over `gitDirectory`'s objects.
  ///
  /// The corresponding C functions are `git_mempack_new`, `git_odb_add_disk_alternate` and
  /// `git_repository_wrap_odb`.
  /// - Parameter gitDirectory: The real repository's `.git` directory.
  /// - Throws: ``GitError`` if libgit2 cannot build the object store.
  init(gitDirectory: String) throws(GitError) {
    var odb: OpaquePointer?
    try check(git_odb_new(&odb), "git_odb_new")
    defer { git_odb_free(odb) }  // the repository keeps its own reference
    var backend: OpaquePointer?
    try check(git_mempack_new(&backend), "git_mempack_new")

    try check(git_odb_add_backend(odb, backend, 999), "git_odb_add_backend")
    // Alternates are read-only, so writes can only land in the mempack backend.
    try check(
      git_odb_add_disk_alternate(odb, gitDirectory + "/objects"), "git_odb_add_disk_alternate")
    var repository: OpaquePointer?
    try check(git_repository_wrap_odb(&repository, odb), "git_repository_wrap_odb")
    guard let repository else {
      throw GitError(code: .generic, message: "no scratch repository", function: "scratch")
    }
    raw = repository
  }

  /// Writes the objects of `tree` that a change to `paths` created into one pack in `gitDirectory`.
  ///
  /// One pack and its index instead of a loose file per object: for a patch touching many files
  /// this is most of the object-writing cost. The objects are the blobs at `paths` and the trees
  /// on the way to them; an object the repository already has is harmlessly stored twice.
  /// The corresponding C functions are `git_packbuilder_insert` and `git_packbuilder_write`.
  /// - Parameters:
  ///   - tree: The new root tree (in this scratch store).
  ///   - paths: The repository-relative paths the change touched.
  ///   - gitDirectory: The real repository's `.git` directory.
  /// - Throws: ``GitError`` if the pack cannot be written.
  func persist(tree: ObjectID, paths: [String], into gitDirectory: String) throws(GitError) {
    var rootID = tree.oid
    var root: OpaquePointer?
    try check(git_tree_lookup(&root, raw, &rootID), "git_tree_lookup")
    defer { git_tree_free(root) }
    var builder: OpaquePointer?
    try check(git_packbuilder_new(&builder, raw), "git_packbuilder_new")
    defer { git_packbuilder_free(builder) }
    _ = git_packbuilder_set_threads(builder, 1)
    try check(git_packbuilder_insert(builder, &rootID, ""), "git_packbuilder_insert")
    var seen = Set<String>()
    for path in paths {
      var prefix = ""
      for component in path.split(separator: "/") {
        prefix += prefix.isEmpty ? String(component) : "/" + component
        guard seen.insert(prefix).inserted else { continue }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, root, prefix) == 0 else { break }  // deleted
        defer { git_tree_entry_free(entry) }
        guard let id = git_tree_entry_id(entry) else { continue }
        var oid = id.pointee
        let type = git_tree_entry_type(entry)
        // Submodule entries (commits) and symlink targets' absence are not ours to pack.
        guard type == GIT_OBJECT_BLOB || type == GIT_OBJECT_TREE else { continue }
        try check(git_packbuilder_insert(builder, &oid, prefix), "git_packbuilder_insert")
      }
    }
    try check(
      git_packbuilder_write(builder, gitDirectory + "/objects/pack", 0, nil, nil),
      "git_packbuilder_write")
  }

  deinit { git_repository_free(raw) }
}
