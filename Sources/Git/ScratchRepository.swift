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

  deinit { git_repository_free(raw) }
}
