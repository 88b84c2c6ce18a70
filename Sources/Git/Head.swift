/// Where HEAD points: a branch (possibly unborn) or a detached commit.
package struct Head: Sendable, Equatable {
  /// The full reference HEAD names (`refs/heads/main`), or `nil` when detached.
  package var reference: String?
  /// The commit HEAD resolves to, or `nil` on an unborn branch.
  package var commit: ObjectID?

  /// Creates a HEAD description.
  package init(reference: String?, commit: ObjectID?) {
    self.reference = reference
    self.commit = commit
  }

  /// The branch's short name (`main`), or `nil` when detached.
  package var branch: String? {
    guard let reference else { return nil }
    return reference.hasPrefix("refs/heads/")
      ? String(reference.dropFirst("refs/heads/".count)) : reference
  }

  /// Whether HEAD points at a commit rather than a branch.
  package var isDetached: Bool { reference == nil }
  /// Whether HEAD names a branch that has no commit yet.
  package var isUnborn: Bool { commit == nil }
}
