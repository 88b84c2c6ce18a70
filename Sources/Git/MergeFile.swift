internal import CGit2

/// Three-way merges of one file's text, as `git merge-file` does them.
package enum MergeFile {
  /// The outcome of a three-way file merge.
  package struct Result: Sendable, Equatable {
    /// The merged text; with conflict markers when ``hasConflicts``.
    package var text: String
    /// Whether the merge left conflict markers.
    package var hasConflicts: Bool
  }

  /// Merges `ours` and `theirs`, which both changed `ancestor`.
  ///
  /// The corresponding C function is `git_merge_file`.
  /// - Parameters:
  ///   - ancestor: The common base text (empty for none).
  ///   - ours: One side's text.
  ///   - theirs: The other side's text.
  ///   - labels: The names written into conflict markers.
  /// - Returns: The merged text and whether it conflicts.
  /// - Throws: ``GitError`` if libgit2 fails.
  package static func merge(
    ancestor: String, ours: String, theirs: String,
    labels: (ancestor: String, ours: String, theirs: String) = ("base", "ours", "theirs")
  ) throws(GitError) -> Result {
    _ = libgit2Initialized
    let texts = [ancestor, ours, theirs].map { Array($0.utf8CString) }
    var inputs: [git_merge_file_input] = []
    for _ in 0..<3 {
      var input = git_merge_file_input()
      try Git.check(
        git_merge_file_input_init(&input, UInt32(GIT_MERGE_FILE_INPUT_VERSION)),
        "git_merge_file_input_init")
      inputs.append(input)
    }
    var options = git_merge_file_options()
    try Git.check(
      git_merge_file_options_init(&options, UInt32(GIT_MERGE_FILE_OPTIONS_VERSION)),
      "git_merge_file_options_init")
    var result = git_merge_file_result()
    defer { git_merge_file_result_free(&result) }
    let rc = texts[0].withUnsafeBufferPointer { base in
      texts[1].withUnsafeBufferPointer { mine in
        texts[2].withUnsafeBufferPointer { other in
          labels.ancestor.withCString { baseLabel in
            labels.ours.withCString { ourLabel in
              labels.theirs.withCString { theirLabel in
                inputs[0].ptr = base.baseAddress
                inputs[0].size = base.count - 1
                inputs[1].ptr = mine.baseAddress
                inputs[1].size = mine.count - 1
                inputs[2].ptr = other.baseAddress
                inputs[2].size = other.count - 1
                options.ancestor_label = baseLabel
                options.our_label = ourLabel
                options.their_label = theirLabel
                return git_merge_file(&result, &inputs[0], &inputs[1], &inputs[2], &options)
              }
            }
          }
        }
      }
    }
    try Git.check(rc, "git_merge_file")
    let text =
      result.ptr.map {
        String(decoding: UnsafeRawBufferPointer(start: $0, count: result.len), as: UTF8.self)
      } ?? ""
    return Result(text: text, hasConflicts: result.automergeable == 0)
  }
}
