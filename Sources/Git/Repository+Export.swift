internal import CGit2

extension Repository {
  /// Writes the files of a commit or tree into `directory`, leaving the repository untouched.
  ///
  /// Neither the working tree, the index nor any reference changes: the checkout targets
  /// `directory` and never updates or writes the index. Files keep their modes (executable bits,
  /// symbolic links) and pass through the repository's checkout filters, as `git checkout` would
  /// write them. The corresponding C functions are `git_object_lookup` and `git_checkout_tree`
  /// (with `target_directory`, `GIT_CHECKOUT_FORCE` and `GIT_CHECKOUT_DONT_UPDATE_INDEX`).
  /// - Parameters:
  ///   - id: A commit (its tree is written) or a tree, for example from ``tree(applying:to:)``.
  ///   - directory: An absolute folder, created if missing; it should be empty.
  /// - Throws: ``GitError`` if `id` is not a commit or tree here, or a file cannot be written.
  package func export(_ id: ObjectID, to directory: String) throws(GitError) {
    var oid = id.oid
    var object: OpaquePointer?
    try Git.check(git_object_lookup(&object, raw, &oid, GIT_OBJECT_ANY), "git_object_lookup")
    guard let object else {
      throw GitError(code: .notFound, message: "no object \(id.short)", function: "export")
    }
    defer { git_object_free(object) }
    let type = git_object_type(object)
    guard type == GIT_OBJECT_COMMIT || type == GIT_OBJECT_TREE else {
      throw GitError(
        code: .notFound, message: "\(id.short) is not a commit or tree", function: "export")
    }
    var options = git_checkout_options()
    try Git.check(
      git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)),
      "git_checkout_options_init")
    // FORCE writes every file of the target; DONT_UPDATE_INDEX (which implies DONT_WRITE_INDEX)
    // keeps the user's index exactly as it was.
    options.checkout_strategy =
      GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_DONT_UPDATE_INDEX.rawValue
      | GIT_CHECKOUT_DONT_WRITE_INDEX.rawValue
    let rc = directory.withCString { target in
      options.target_directory = target
      return git_checkout_tree(raw, object, &options)
    }
    try Git.check(rc, "git_checkout_tree")
  }
}
