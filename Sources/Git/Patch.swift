/// A parsed unified diff: the files it changes and their hunks, as plain Swift values.
package struct Patch: Sendable, Equatable, Codable {
  /// The changed files, in patch order.
  package var files: [FileChange]

  /// Creates a patch description.
  package init(files: [FileChange]) { self.files = files }

  /// Every path the patch reads or writes (old and new sides of renames), without duplicates.
  package var touchedPaths: [String] {
    var seen = Set<String>()
    var result: [String] = []
    for file in files {
      for path in [file.oldPath, file.newPath].compactMap({ $0 }) where seen.insert(path).inserted {
        result.append(path)
      }
    }
    return result
  }

  /// The number of hunks over all files.
  package var hunkCount: Int { files.reduce(0) { $0 + $1.hunks.count } }
}

/// One file's change in a ``Patch``.
package struct FileChange: Sendable, Equatable, Codable {
  /// What happened to the file.
  package enum Status: String, Sendable, Equatable, Codable {
    case added, deleted, modified, renamed, copied, typeChanged
  }

  /// The path before the change, or `nil` for an added file.
  package var oldPath: String?
  /// The path after the change, or `nil` for a deleted file.
  package var newPath: String?
  /// What happened to the file.
  package var status: Status
  /// The file mode before (`0o100644`, `0o100755`, `0o120000`), or 0 when absent.
  package var oldMode: UInt32
  /// The file mode after, or 0 when deleted.
  package var newMode: UInt32
  /// Whether the change is a binary patch.
  package var isBinary: Bool
  /// The text hunks (empty for binary, pure renames and mode changes).
  package var hunks: [Hunk]

  /// Creates a file change.
  package init(
    oldPath: String?, newPath: String?, status: Status, oldMode: UInt32, newMode: UInt32,
    isBinary: Bool, hunks: [Hunk]
  ) {
    self.oldPath = oldPath
    self.newPath = newPath
    self.status = status
    self.oldMode = oldMode
    self.newMode = newMode
    self.isBinary = isBinary
    self.hunks = hunks
  }

  /// The path to name in messages: the new path, or the old one for a deletion.
  package var path: String { newPath ?? oldPath ?? "" }
}

/// One hunk of a text change.
package struct Hunk: Sendable, Equatable, Codable {
  /// The `@@ -a,b +c,d @@ context` line, without its newline.
  package var header: String
  /// The first line of the old side (1-based; 0 for an empty old side).
  package var oldStart: Int
  /// The number of old lines.
  package var oldLines: Int
  /// The first line of the new side.
  package var newStart: Int
  /// The number of new lines.
  package var newLines: Int
  /// Lines added.
  package var additions: Int
  /// Lines removed.
  package var deletions: Int

  /// Creates a hunk description.
  package init(
    header: String, oldStart: Int, oldLines: Int, newStart: Int, newLines: Int, additions: Int,
    deletions: Int
  ) {
    self.header = header
    self.oldStart = oldStart
    self.oldLines = oldLines
    self.newStart = newStart
    self.newLines = newLines
    self.additions = additions
    self.deletions = deletions
  }
}

/// Why one file (and, when known, one hunk) of a patch does not apply.
package struct ApplyFailure: Sendable, Equatable, Codable, CustomStringConvertible {
  /// The file's path (new side), or `nil` when libgit2 did not say.
  package var path: String?
  /// The failing hunk's 1-based position within the file, or `nil` for a file-level failure.
  package var hunk: Int?
  /// The failing hunk's `@@` header.
  package var hunkHeader: String?
  /// libgit2's reason ("hunk at line 3 did not apply", "file does not match index", …).
  package var reason: String

  /// Creates a failure.
  package init(path: String?, hunk: Int? = nil, hunkHeader: String? = nil, reason: String) {
    self.path = path
    self.hunk = hunk
    self.hunkHeader = hunkHeader
    self.reason = reason
  }

  package var description: String {
    var text = path ?? "patch"
    if let hunk { text += " hunk \(hunk)" + (hunkHeader.map { " (\($0))" } ?? "") }
    return text + ": " + reason
  }
}

/// The result of checking a patch without changing anything.
package struct PatchCheck: Sendable, Equatable {
  /// What the patch contains.
  package var patch: Patch
  /// Why it does not apply, per file; empty when it applies.
  package var failures: [ApplyFailure]

  /// Creates a check result.
  package init(patch: Patch, failures: [ApplyFailure]) {
    self.patch = patch
    self.failures = failures
  }

  /// Whether the whole patch applies.
  package var applies: Bool { failures.isEmpty }
}
