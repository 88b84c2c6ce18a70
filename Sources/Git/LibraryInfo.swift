internal import CGit2

/// Facts about the linked libgit2, for `assist doctor`.
package enum LibGit2Info {
  /// The runtime version, e.g. `1.5.1`.
  ///
  /// The corresponding C function is `git_libgit2_version`.
  package static var version: String {
    _ = libgit2Initialized
    var major: CInt = 0
    var minor: CInt = 0
    var revision: CInt = 0
    _ = git_libgit2_version(&major, &minor, &revision)
    return "\(major).\(minor).\(revision)"
  }
}
