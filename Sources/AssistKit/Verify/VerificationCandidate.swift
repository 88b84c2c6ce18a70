/// A change to verify: new file contents and/or a canonical unified diff, relative to a base commit.
///
/// The diff is applied to the base commit's tree first, then the files are written over the
/// result, so a candidate may use either form or both.
package struct VerificationCandidate: Sendable, Equatable {
  /// One file's new state.
  package struct File: Sendable, Equatable {
    /// The repository-relative path, with `/` separators.
    package var path: String
    /// The new content, or `nil` to delete the file.
    package var content: String?

    /// Creates a file change; `content: nil` deletes the file.
    package init(path: String, content: String?) {
      self.path = path
      self.content = content
    }
  }

  /// Files to write or delete, in order.
  package var files: [File]
  /// A unified diff against the base commit, or `nil`.
  package var diff: String?

  /// Creates a candidate.
  ///
  /// - Parameters:
  ///   - files: Files to write (or delete, with `content: nil`).
  ///   - diff: A unified diff against the base commit.
  package init(files: [File] = [], diff: String? = nil) {
    self.files = files
    self.diff = diff
  }

  /// The base commit unchanged: what the baseline runs.
  package static let unchanged = VerificationCandidate()

  /// Whether the candidate changes nothing.
  package var isEmpty: Bool {
    files.isEmpty && (diff?.allSatisfy(\.isWhitespace) ?? true)
  }
}
