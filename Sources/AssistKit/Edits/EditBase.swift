/// What the edit pipeline needs from a repository: the files at the base commit, and a check of a
/// canonical diff against it. `RepositoryEditBase` is the live one; tests also use
/// ``MemoryEditBase``.
///
/// Not `Sendable`: the live implementation wraps `Git.Repository`, which has a single owner.
package protocol EditBase {
  /// The working tree's root, for symlink checks; `nil` when there is none to check.
  var workingDirectory: String? { get }
  /// The text of `path` at the base, or `nil` if the base has no such file.
  func text(at path: String) throws -> String?
  /// Every text file path at the base (the identifier check reads them all).
  func paths() throws -> [String]
  /// Why `diff` does not apply to the base, per file and hunk; empty when it applies.
  func check(diff: String) throws -> [DiffRejection]
  /// Why `path` cannot be edited as text without changing bytes no edit touched (it is not
  /// UTF-8), or `nil` when it can (or does not exist).
  func encodingProblem(at path: String) throws -> String?
}

extension EditBase {
  /// Bases that hold `String`s are UTF-8 by construction.
  package func encodingProblem(at path: String) throws -> String? { nil }
}

/// A file (and, when known, a hunk) of a canonical diff that does not apply to the base.
package struct DiffRejection: Sendable, Equatable, Codable, CustomStringConvertible {
  /// The file's path, when known.
  package var path: String?
  /// The failing hunk's 1-based position in the file's diff, when known.
  package var hunk: Int?
  /// Why.
  package var reason: String

  /// Creates a rejection.
  package init(path: String?, hunk: Int? = nil, reason: String) {
    self.path = path
    self.hunk = hunk
    self.reason = reason
  }

  package var description: String {
    (path ?? "patch") + (hunk.map { " hunk \($0)" } ?? "") + ": " + reason
  }
}

/// An in-memory base: files by path and a fixed answer for ``check(diff:)``.
package struct MemoryEditBase: EditBase, Sendable {
  /// The files at the base.
  package var files: [String: String]
  /// What ``check(diff:)`` answers.
  package var rejections: [DiffRejection]
  package var workingDirectory: String?

  /// Creates a base holding `files`.
  package init(
    files: [String: String], rejections: [DiffRejection] = [], workingDirectory: String? = nil
  ) {
    self.files = files
    self.rejections = rejections
    self.workingDirectory = workingDirectory
  }

  package func text(at path: String) -> String? { files[path] }
  package func paths() -> [String] { files.keys.sorted() }
  package func check(diff: String) -> [DiffRejection] { rejections }
}
