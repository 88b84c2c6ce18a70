internal import CGit2

/// Canonical unified diffs between two texts, made by libgit2's diff engine.
package enum TextDiff {
  /// The canonical `diff --git` patch that turns `old` into `new` at `path`.
  ///
  /// The corresponding C functions are `git_patch_from_buffers` and `git_patch_to_buf`.
  /// - Parameters:
  ///   - old: The current content, or `nil` for a file the patch creates.
  ///   - new: The new content, or `nil` for a file the patch deletes.
  ///   - path: The repository-relative path, with `/` separators.
  ///   - contextLines: Lines of context around each hunk (git's default is 3).
  /// - Returns: The patch text, or an empty string when the contents are equal.
  /// - Throws: ``GitError`` if libgit2 fails.
  package static func patch(
    old: String?, new: String?, path: String, contextLines: UInt32 = 3
  ) throws(GitError) -> String {
    _ = libgit2Initialized
    var options = git_diff_options()
    try check(
      git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
    options.context_lines = contextLines
    // The patch points into both buffers, so it is rendered before they go out of scope.
    let old = old.map { Array($0.utf8) }
    let new = new.map { Array($0.utf8) }
    let rendered = (old ?? []).withUnsafeBytes { oldBytes in
      (new ?? []).withUnsafeBytes { newBytes in
        Result { () throws(GitError) -> String in
          var patch: OpaquePointer?
          try check(
            git_patch_from_buffers(
              &patch,
              old == nil ? nil : oldBytes.baseAddress, old?.count ?? 0, path,
              new == nil ? nil : newBytes.baseAddress, new?.count ?? 0, path,
              &options),
            "git_patch_from_buffers")
          guard let patch else { return "" }
          defer { git_patch_free(patch) }
          var buf = git_buf()
          defer { git_buf_dispose(&buf) }
          try check(git_patch_to_buf(&buf, patch), "git_patch_to_buf")
          guard let ptr = buf.ptr else { return "" }
          return String(
            decoding: UnsafeRawBufferPointer(start: ptr, count: buf.size), as: UTF8.self)
        }
      }
    }
    return try rendered.get()
  }
}
