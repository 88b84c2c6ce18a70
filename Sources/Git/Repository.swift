internal import CGit2

/// An open git repository: the one handle through which assist reads and changes it.
///
/// libgit2 objects must not be used from two threads at once, so this class is deliberately not
/// `Sendable`: it has exactly one owner (AssistKit's `Workspace` actor, or a test).
package final class Repository {
  /// The `git_repository *`, freed in `deinit`.
  let raw: OpaquePointer
  /// The `.git` directory (or the bare repository), without a trailing slash.
  package let gitDirectory: String
  /// The working tree's root, without a trailing slash; `nil` for a bare repository.
  package let workingDirectory: String?

  private init(raw: OpaquePointer) {
    self.raw = raw
    self.gitDirectory = Self.trimmed(string(git_repository_path(raw)) ?? "")
    self.workingDirectory = string(git_repository_workdir(raw)).map(Self.trimmed)
  }

  deinit { git_repository_free(raw) }

  /// Opens the repository whose working tree or `.git` directory is exactly `path`.
  ///
  /// The corresponding C function is `git_repository_open_ext` (with `GIT_REPOSITORY_OPEN_NO_SEARCH`).
  /// - Parameter path: The working tree root, the `.git` directory, or a bare repository.
  /// - Throws: ``GitError`` with ``GitError/Code/notFound`` if `path` is not a repository.
  package convenience init(at path: String) throws(GitError) {
    _ = libgit2Initialized
    var raw: OpaquePointer?
    try Git.check(
      git_repository_open_ext(&raw, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil),
      "git_repository_open_ext")
    guard let raw else {
      throw GitError(code: .notFound, message: "no repository at \(path)", function: "open")
    }
    self.init(raw: raw)
  }

  /// Opens the repository containing `path`, searching upwards as `git` does.
  ///
  /// The corresponding C function is `git_repository_open_ext`.
  /// - Parameter path: Any folder inside the working tree (or the repository itself).
  /// - Returns: The repository.
  /// - Throws: ``GitError`` with ``GitError/Code/notFound`` outside any repository.
  package static func discover(from path: String) throws(GitError) -> Repository {
    _ = libgit2Initialized
    var raw: OpaquePointer?
    try Git.check(git_repository_open_ext(&raw, path, 0, nil), "git_repository_open_ext")
    guard let raw else {
      throw GitError(code: .notFound, message: "no repository at \(path)", function: "discover")
    }
    return Repository(raw: raw)
  }

  /// Creates a new, empty repository at `path` whose unborn HEAD names `initialBranch`.
  ///
  /// The corresponding C function is `git_repository_init_ext`.
  /// - Parameters:
  ///   - path: The folder to create it in (created if missing).
  ///   - bare: Whether to create a bare repository.
  ///   - initialBranch: The branch HEAD points at.
  /// - Returns: The opened repository.
  /// - Throws: ``GitError`` if libgit2 cannot create it.
  package static func create(
    at path: String, bare: Bool = false, initialBranch: String = "main"
  ) throws(GitError) -> Repository {
    _ = libgit2Initialized
    var options = git_repository_init_options()
    try Git.check(
      git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)),
      "git_repository_init_options_init")
    options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue
    if bare { options.flags |= GIT_REPOSITORY_INIT_BARE.rawValue }
    var raw: OpaquePointer?
    let rc = initialBranch.withCString { branch in
      options.initial_head = branch
      return git_repository_init_ext(&raw, path, &options)
    }
    try Git.check(rc, "git_repository_init_ext")
    guard let raw else {
      throw GitError(code: .generic, message: "no repository created", function: "create")
    }
    return Repository(raw: raw)
  }

  /// The absolute path of a repository-relative `path` in the working tree.
  ///
  /// - Parameter path: A path relative to the working tree root.
  /// - Returns: The absolute path, or `nil` for a bare repository.
  package func absolutePath(of path: String) -> String? {
    workingDirectory.map { $0 + "/" + path }
  }

  private static func trimmed(_ path: String) -> String {
    path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
  }
}
