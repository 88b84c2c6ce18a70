internal import Foundation
package import Git

/// The live ``EditBase``: a git repository's HEAD, checked with libgit2.
///
/// Not `Sendable`, like the `Repository` it wraps: it belongs to the repository's single owner.
package final class RepositoryEditBase: EditBase {
  /// The repository.
  package let repository: Repository
  /// The revision edits are based on.
  package let revision: String
  private var cachedPaths: [String]?

  /// Wraps an open repository.
  package init(repository: Repository, revision: String = "HEAD") {
    self.repository = repository
    self.revision = revision
  }

  /// Opens the repository containing `path`.
  ///
  /// - Throws: `GitError` outside a repository.
  package convenience init(discoveringFrom path: String) throws {
    self.init(repository: try Repository.discover(from: path))
  }

  package var workingDirectory: String? { repository.workingDirectory }

  package func text(at path: String) throws -> String? {
    if try repository.head().isUnborn { return nil }
    return try repository.text(at: path, in: revision)
  }

  /// The working tree's files that are also committed at the base (libgit2's tree walk is not
  /// wrapped yet, so the tree is listed from the disk and filtered by the base).
  package func paths() throws -> [String] {
    if let cachedPaths { return cachedPaths }
    // The committed tree, not the working tree: untracked or ignored files are not the base.
    var found: [String] = []
    for path in try repository.files(in: revision) {
      if let bytes = try repository.blob(at: path, in: revision), bytes.count < 1 << 20,
        !bytes.contains(0)
      {
        found.append(path)
      }
    }
    cachedPaths = found
    return found
  }

  /// Files are read as `String`; a file that is not valid UTF-8 would come back with U+FFFD in
  /// place of its bytes (a Latin-1 `ø`, F8, would land as EF BF BD), so it is refused instead.
  package func encodingProblem(at path: String) throws -> String? {
    if try repository.head().isUnborn { return nil }
    guard let bytes = try repository.blob(at: path, in: revision),
      String(validating: bytes, as: UTF8.self) == nil
    else { return nil }
    return
      "\(path) is not UTF-8 text (Latin-1 or binary bytes): assist does not edit it, so that no byte of it changes"
  }

  package func check(diff: String) throws -> [DiffRejection] {
    try repository.check(diff: diff, against: revision).failures.map {
      DiffRejection(path: $0.path, hunk: $0.hunk, reason: $0.reason)
    }
  }
}
