internal import CGit2

extension Repository {
  /// Moves (or creates) reference `name` to `id`, only if it still points at `expected`.
  ///
  /// With `expected == nil` the reference must not exist yet. This compare-and-swap is what keeps
  /// a concurrent `git commit` from being overwritten. The corresponding C function is
  /// `git_reference_create_matching`.
  /// - Parameters:
  ///   - name: The full reference name (`refs/heads/main`), or `HEAD` when detached.
  ///   - id: The commit to point at.
  ///   - expected: The commit it must point at now, or `nil` if it must not exist.
  ///   - message: The reflog message.
  /// - Throws: ``GitError`` (``GitError/Code/exists`` or `GIT_EMODIFIED`) if it moved meanwhile.
  package func updateReference(
    _ name: String, to id: ObjectID, expecting expected: ObjectID?, message: String
  ) throws(GitError) {
    var new = id.oid
    var ref: OpaquePointer?
    let rc: CInt
    if let expected {
      var old = expected.oid
      rc = git_reference_create_matching(&ref, raw, name, &new, 1, &old, message)
    } else {
      rc = git_reference_create_matching(&ref, raw, name, &new, 0, nil, message)
    }
    try Git.check(rc, "git_reference_create_matching")
    git_reference_free(ref)
  }

  /// The operation in progress (merge, rebase, cherry-pick, …), or `nil` when there is none.
  ///
  /// The corresponding C function is `git_repository_state`.
  package var operationInProgress: String? {
    switch UInt32(bitPattern: git_repository_state(raw)) {
    case GIT_REPOSITORY_STATE_NONE.rawValue: nil
    case GIT_REPOSITORY_STATE_MERGE.rawValue: "merge"
    case GIT_REPOSITORY_STATE_REVERT.rawValue, GIT_REPOSITORY_STATE_REVERT_SEQUENCE.rawValue:
      "revert"
    case GIT_REPOSITORY_STATE_CHERRYPICK.rawValue,
      GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE.rawValue:
      "cherry-pick"
    case GIT_REPOSITORY_STATE_BISECT.rawValue: "bisect"
    default: "rebase"
    }
  }

  /// Whether a reference exists.
  ///
  /// The corresponding C function is `git_reference_lookup`.
  /// - Parameter name: The full reference name.
  /// - Returns: `true` if it exists.
  package func referenceExists(_ name: String) -> Bool {
    var ref: OpaquePointer?
    guard git_reference_lookup(&ref, raw, name) == 0 else { return false }
    git_reference_free(ref)
    return true
  }

  /// Whether `name` is a valid branch name.
  ///
  /// The corresponding C function is `git_reference_name_is_valid`.
  /// - Parameter name: The short branch name.
  /// - Returns: `true` if `refs/heads/<name>` is a valid reference name.
  package static func isValidBranchName(_ name: String) -> Bool {
    _ = libgit2Initialized
    var valid: CInt = 0
    guard git_reference_name_is_valid(&valid, "refs/heads/" + name) == 0 else { return false }
    return valid != 0 && !name.hasPrefix("-")
  }
}
