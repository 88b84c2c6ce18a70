internal import CGit2

/// A `git_diff` parsed from patch bytes, freed when it goes out of scope.
struct ParsedDiff: ~Copyable {
  /// The `git_diff *`.
  let raw: OpaquePointer
  /// The normalised patch it was parsed from, byte for byte as libgit2 saw it.
  let bytes: [UInt8]

  /// Parses `bytes` after ``PatchText/normalized(_:)-([UInt8])``.
  ///
  /// The corresponding C function is `git_diff_from_buffer`.
  /// - Parameters:
  ///   - bytes: A unified diff, in whatever encoding its files use.
  ///   - allowEmpty: Whether a patch without file changes is acceptable.
  ///   - isNormalized: Whether `bytes` already went through ``PatchText/normalized(_:)-([UInt8])``.
  ///   - mode: The current mode of a path, to make pure renames keep it (see
  ///     ``PatchText/withPureRenameModes(_:mode:)``); `nil` when there is no preimage to ask.
  /// - Throws: ``GitError`` with ``GitError/Code/malformedPatch`` or ``GitError/Code/emptyPatch``.
  init(
    bytes: [UInt8], allowEmpty: Bool = false, isNormalized: Bool = false,
    mode: ((String) -> UInt32?)? = nil
  ) throws(GitError) {
    _ = libgit2Initialized
    var normalized = bytes
    if !isNormalized || mode != nil {
      var text = ByteText.text(bytes)
      if !isNormalized { text = PatchText.normalized(byteText: text) }
      if let mode { text = PatchText.withPureRenameModes(text, mode: mode) }
      normalized = ByteText.bytes(text)
    }
    // libgit2 answers "no patch found" for text without any file header: that is nothing to apply.
    if !Self.startsFileHeader(normalized[...]) && Self.fileHeaderOffsets(normalized).count < 2 {
      throw GitError(code: .emptyPatch, message: "nothing to apply", function: "parse")
    }
    var diff: OpaquePointer?
    let rc = normalized.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) {
        git_diff_from_buffer(&diff, $0.baseAddress, $0.count)
      }
    }
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
    self.bytes = normalized
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

  /// The bytes of each file's section, in order (for per-file checks).
  var fileSections: [[UInt8]] {
    let starts = Self.fileHeaderOffsets(bytes)
    return starts.indices.compactMap { index in
      let end = index + 1 < starts.count ? starts[index + 1] : bytes.count
      let section = Array(bytes[starts[index]..<end])
      guard !section.isEmpty else { return nil }
      return section.last == UInt8(ascii: "\n") ? section : section + [UInt8(ascii: "\n")]
    }
  }

  private static let fileHeader = Array("diff --git ".utf8)

  private static func startsFileHeader(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.starts(with: fileHeader)
  }

  /// The offsets where a section starts: 0, then each line that begins with `diff --git `.
  private static func fileHeaderOffsets(_ bytes: [UInt8]) -> [Int] {
    var offsets = [0]
    var index = bytes.startIndex
    while let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) {
      index = newline + 1
      if startsFileHeader(bytes[index...]) { offsets.append(index) }
    }
    return offsets
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
