internal import CGit2

extension Repository {
  /// The paths whose state differs between HEAD, the index and the working tree.
  ///
  /// Ignored files are never reported. The corresponding C function is `git_status_list_new`.
  /// - Parameters:
  ///   - paths: Only these exact repository-relative paths, or every path when `nil`.
  ///   - includeUntracked: Whether to report untracked files (recursing into untracked folders).
  /// - Returns: One entry per changed path, sorted by path.
  /// - Throws: ``GitError`` if the index or working tree cannot be read.
  package func status(
    paths: [String]? = nil, includeUntracked: Bool = true
  ) throws(GitError) -> [StatusEntry] {
    var options = git_status_options()
    try Git.check(
      git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)),
      "git_status_options_init")
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
    var flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
    if includeUntracked {
      flags |= GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue
      flags |= GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
    }
    if paths != nil { flags |= GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH.rawValue }
    options.flags = flags
    if let paths, paths.isEmpty { return [] }
    return try withStrarray(paths ?? []) { (array) throws(GitError) -> [StatusEntry] in
      if paths != nil { options.pathspec = array }
      var list: OpaquePointer?
      try Git.check(git_status_list_new(&list, raw, &options), "git_status_list_new")
      defer { git_status_list_free(list) }
      var entries: [StatusEntry] = []
      for index in 0..<git_status_list_entrycount(list) {
        guard let entry = git_status_byindex(list, index)?.pointee else { continue }
        if let converted = Self.entry(entry) { entries.append(converted) }
      }
      return entries.sorted { $0.path < $1.path }
    }
  }

  private static func entry(_ entry: git_status_entry) -> StatusEntry? {
    let flags = entry.status.rawValue
    func has(_ flag: git_status_t) -> Bool { flags & flag.rawValue != 0 }
    let delta = entry.index_to_workdir ?? entry.head_to_index
    guard let delta, let path = string(delta.pointee.new_file.path ?? delta.pointee.old_file.path)
    else { return nil }
    var result = StatusEntry(path: path)
    if has(GIT_STATUS_INDEX_NEW) {
      result.staged = .added
    } else if has(GIT_STATUS_INDEX_MODIFIED) {
      result.staged = .modified
    } else if has(GIT_STATUS_INDEX_DELETED) {
      result.staged = .deleted
    } else if has(GIT_STATUS_INDEX_RENAMED) {
      result.staged = .renamed
    } else if has(GIT_STATUS_INDEX_TYPECHANGE) {
      result.staged = .typeChanged
    }
    if has(GIT_STATUS_WT_NEW) {
      result.isUntracked = true
    } else if has(GIT_STATUS_WT_MODIFIED) {
      result.unstaged = .modified
    } else if has(GIT_STATUS_WT_DELETED) {
      result.unstaged = .deleted
    } else if has(GIT_STATUS_WT_RENAMED) {
      result.unstaged = .renamed
    } else if has(GIT_STATUS_WT_TYPECHANGE) {
      result.unstaged = .typeChanged
    }
    result.isConflicted = has(GIT_STATUS_CONFLICTED)
    if has(GIT_STATUS_IGNORED) && !result.isConflicted && result.staged == nil { return nil }
    return result
  }
}
