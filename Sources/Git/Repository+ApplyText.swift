extension Repository {
  // Patches written as Unicode text (by models, by tests) are their UTF-8 bytes; these forward to
  // the byte forms in Repository+Apply, which are what a patch read from a file must use.

  /// ``check(diff:location:)-([UInt8],_)`` for a patch written as Unicode text.
  package func check(diff: String, location: ApplyLocation = .both) throws(GitError) -> PatchCheck {
    try check(diff: Array(diff.utf8), location: location)
  }

  /// ``check(diff:against:isNormalized:)-([UInt8],_,_)`` for a patch written as Unicode text.
  package func check(diff: String, against revision: String, isNormalized: Bool = false)
    throws(GitError) -> PatchCheck
  {
    try check(diff: Array(diff.utf8), against: revision, isNormalized: isNormalized)
  }

  /// ``apply(diff:location:)-([UInt8],_)`` for a patch written as Unicode text.
  @discardableResult
  package func apply(diff: String, location: ApplyLocation = .both) throws(GitError) -> Patch {
    try apply(diff: Array(diff.utf8), location: location)
  }

  /// ``tree(applying:to:isNormalized:)-([UInt8],_,_)`` for a patch written as Unicode text.
  package func tree(applying diff: String, to commit: ObjectID?, isNormalized: Bool = false)
    throws(GitError) -> ObjectID
  {
    try tree(applying: Array(diff.utf8), to: commit, isNormalized: isNormalized)
  }
}
