/// One path that differs between HEAD, the index and the working tree.
package struct StatusEntry: Sendable, Equatable, Codable {
  /// How a path changed on one side (HEAD→index is "staged", index→working tree is "unstaged").
  package enum Change: String, Sendable, Equatable, Codable {
    case added, modified, deleted, renamed, typeChanged
  }

  /// The repository-relative path (the new path of a rename).
  package var path: String
  /// The change staged in the index, if any.
  package var staged: Change?
  /// The change in the working tree not yet staged, if any.
  package var unstaged: Change?
  /// Whether the path is untracked (in the working tree, not in the index).
  package var isUntracked: Bool
  /// Whether the index holds a merge conflict for the path.
  package var isConflicted: Bool

  /// Creates a status entry.
  package init(
    path: String, staged: Change? = nil, unstaged: Change? = nil, isUntracked: Bool = false,
    isConflicted: Bool = false
  ) {
    self.path = path
    self.staged = staged
    self.unstaged = unstaged
    self.isUntracked = isUntracked
    self.isConflicted = isConflicted
  }
}
