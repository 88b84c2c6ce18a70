internal import CGit2

/// A `git_diff` parsed from patch text, freed when it goes out of scope.
struct ParsedDiff: ~Copyable {
  /// The `git_diff *`.
  let raw: OpaquePointer
  /// The normalised text it was parsed from.
  let text: String

  /// Parses `text` after ``PatchText/normalized(_:)``.
  ///
  /// The corresponding C function is `git_diff_from_buffer`.
  /// - Parameters:
  ///   - text: A unified diff.
  ///   - allowEmpty: Whether a patch without file changes is acceptable.
  /// - Throws: ``GitError`` with ``GitError/Code/malformedPatch`` or ``GitError/Code/emptyPatch``.
  ///   - isNormalized: Whether `text` already went through ``PatchText/normalized(_:)``.
  ///   - mode: The current mode of a path, to make pure renames keep it (see
  ///     ``PatchText/withPureRenameModes(_:mode:)``); `nil` when there is no preimage to ask.
  init(
    text: String, allowEmpty: Bool = false, isNormalized: Bool = false,
    mode: ((String) -> UInt32?)? = nil
  ) throws(GitError) {
    _ = libgit2Initialized
    var normalized = isNormalized ? text : PatchText.normalized(text)
    if let mode { normalized = PatchText.withPureRenameModes(normalized, mode: mode) }
    // libgit2 answers "no patch found" for text without any file header: that is nothing to apply.
    if !normalized.hasPrefix("diff --git ") && !normalized.contains("\ndiff --git ") {
      throw GitError(code: .emptyPatch, message: "nothing to apply", function: "parse")
    }
    var diff: OpaquePointer?
    let rc = git_diff_from_buffer(&diff, normalized, normalized.utf8.count)
    if rc < 0 {
      let error = lastError(rc, "git_diff_from_buffer")
      throw GitError(
        code: .malformedPatch, message: "malformed patch: \(error.message)",
        function: "git_diff_from_buffer")
    }
    guard let diff else {
      throw GitError(code: .malformedPatch, message: "malformed patch", function: "parse")
    }
    if !allowEmpty && git_diff_num_deltas(diff) == 0 {
      git_diff_free(diff)
      throw GitError(code: .emptyPatch, message: "nothing to apply", function: "parse")
    }
    self.raw = diff
    self.text = normalized
  }

  deinit { git_diff_free(raw) }

  /// The number of files.
  var count: Int { git_diff_num_deltas(raw) }

  /// Copies the files and hunks into Swift values.
  ///
  /// The corresponding C functions are `git_patch_from_diff` and `git_patch_get_hunk`.
  func patch() throws(GitError) -> Patch {
    var files: [FileChange] = []
    for index in 0..<count {
      guard let delta = git_diff_get_delta(raw, index)?.pointee else { continue }
      var patch: OpaquePointer?
      try check(git_patch_from_diff(&patch, raw, index), "git_patch_from_diff")
      defer { git_patch_free(patch) }
      var hunks: [Hunk] = []
      if let patch {
        for hunkIndex in 0..<git_patch_num_hunks(patch) {
          hunks.append(try Self.hunk(patch, hunkIndex))
        }
      }
      files.append(Self.file(delta, hunks: hunks))
    }
    return Patch(files: files)
  }

  /// The text of each file's section, in order (for per-file checks).
  var fileSections: [String] {
    var sections: [String] = []
    var current: [String] = []
    for line in PatchText.splitLines(text) {
      if line.hasPrefix("diff --git "), !current.isEmpty {
        sections.append(current.joined(separator: "\n") + "\n")
        current = []
      }
      current.append(line)
    }
    let last = current.joined(separator: "\n")
    if !last.isEmpty { sections.append(last.hasSuffix("\n") ? last : last + "\n") }
    return sections
  }

  private static func hunk(_ patch: OpaquePointer, _ index: Int) throws(GitError) -> Hunk {
    var hunk: UnsafePointer<git_diff_hunk>?
    var lines = 0
    try check(git_patch_get_hunk(&hunk, &lines, patch, index), "git_patch_get_hunk")
    guard let value = hunk?.pointee else {
      throw GitError(code: .generic, message: "missing hunk", function: "git_patch_get_hunk")
    }
    var additions = 0
    var deletions = 0
    for lineIndex in 0..<lines {
      var line: UnsafePointer<git_diff_line>?
      guard git_patch_get_line_in_hunk(&line, patch, index, lineIndex) == 0, let line else {
        continue
      }
      switch UInt8(bitPattern: line.pointee.origin) {
      case UInt8(ascii: "+"): additions += 1
      case UInt8(ascii: "-"): deletions += 1
      default: break
      }
    }
    return Hunk(
      header: headerText(value), oldStart: Int(value.old_start), oldLines: Int(value.old_lines),
      newStart: Int(value.new_start), newLines: Int(value.new_lines), additions: additions,
      deletions: deletions)
  }

  /// The hunk's `@@` line, without its newline.
  static func headerText(_ hunk: git_diff_hunk) -> String {
    withUnsafeBytes(of: hunk.header) { bytes in
      let length = min(Int(hunk.header_len), bytes.count)
      var text = String(decoding: bytes.prefix(length), as: UTF8.self)
      while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
      return text
    }
  }

  private static func file(_ delta: git_diff_delta, hunks: [Hunk]) -> FileChange {
    let status: FileChange.Status
    switch delta.status {
    case GIT_DELTA_ADDED: status = .added
    case GIT_DELTA_DELETED: status = .deleted
    case GIT_DELTA_RENAMED: status = .renamed
    case GIT_DELTA_COPIED: status = .copied
    case GIT_DELTA_TYPECHANGE: status = .typeChanged
    default: status = .modified
    }
    let oldPath = status == .added ? nil : string(delta.old_file.path)
    let newPath = status == .deleted ? nil : string(delta.new_file.path)
    return FileChange(
      oldPath: oldPath, newPath: newPath, status: status, oldMode: UInt32(delta.old_file.mode),
      newMode: UInt32(delta.new_file.mode),
      isBinary: delta.flags & GIT_DIFF_FLAG_BINARY.rawValue != 0, hunks: hunks)
  }
}
