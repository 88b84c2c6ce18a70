/// A patch path that assist refuses to write.
package struct PathViolation: Sendable, Equatable, Codable, CustomStringConvertible {
  /// Why the path is refused.
  package enum Reason: String, Sendable, Equatable, Codable {
    /// The path is absolute.
    case absolute
    /// The path climbs out with `..` (or has empty or `.` components).
    case outsideRepository
    /// The path is inside the `.git` directory.
    case gitDirectory
    /// A folder on the path is a symlink that resolves outside the repository (or into `.git`).
    case escapingSymlink
    /// A folder on the path is a symlink the same patch creates.
    case throughNewSymlink
  }

  /// The path as the patch names it.
  package var path: String
  /// Why it is refused.
  package var reason: Reason

  /// Creates a violation.
  package init(path: String, reason: Reason) {
    self.path = path
    self.reason = reason
  }

  package var description: String {
    switch reason {
    case .absolute: "\(path) is an absolute path"
    case .outsideRepository: "\(path) is outside the repository"
    case .gitDirectory: "\(path) is inside .git/"
    case .escapingSymlink: "\(path) goes through a symlink that leaves the repository"
    case .throughNewSymlink: "\(path) goes through a symlink the patch creates"
    }
  }
}
