/// One change to one file, as an edit format parsed it from a model's reply.
///
/// A reply becomes an ordered list of these; the ``Matcher`` applies them in order to the evolving
/// content of each file.
package struct FileEdit: Sendable, Equatable {
  /// What the edit does to its file.
  package enum Change: Sendable, Equatable {
    /// Replaces the lines quoted in `search` with `replacement`.
    ///
    /// An empty `search` creates the file (refused when the file exists). `anchor` is a line the
    /// quoted lines come after (the `@@ context` line of a patch envelope), or `nil`.
    case replace(search: String, replacement: String, anchor: String? = nil)
    /// Writes the whole file (creating it if needed).
    case write(String)
    /// Deletes the file.
    case delete
  }

  /// The repository-relative path, as the model wrote it (checked by the gate).
  package var path: String
  /// The change.
  package var change: Change

  /// Creates an edit.
  package init(path: String, change: Change) {
    self.path = path
    self.change = change
  }

  /// A search/replace edit.
  package static func replace(
    _ path: String, search: String, replacement: String, anchor: String? = nil
  ) -> FileEdit {
    FileEdit(path: path, change: .replace(search: search, replacement: replacement, anchor: anchor))
  }
}
