/// A reason the gate refuses a change that parsed and matched.
package struct GateFailure: Sendable, Equatable, Codable, CustomStringConvertible {
  /// Which rule failed.
  package enum Kind: String, Sendable, Codable {
    /// A path leaves the repository, points into `.git/`, or goes through a symlink.
    case unsafePath = "unsafe-path"
    /// The canonical diff does not apply to the base.
    case doesNotApply = "does-not-apply"
    /// The change references names that exist nowhere.
    case unknownIdentifiers = "unknown-identifiers"
    /// The configured check command failed on a changed file.
    case checkCommand = "check-command"
    /// The file is not UTF-8 text (Latin-1, binary): edits go through text, so it is not edited.
    case notUTF8 = "not-utf8"
  }

  /// The rule.
  package var kind: Kind
  /// The file concerned, when there is one.
  package var path: String?
  /// What happened, for the model and the user (a check command's output, trimmed).
  package var detail: String

  /// Creates a failure.
  package init(kind: Kind, path: String?, detail: String) {
    self.kind = kind
    self.path = path
    self.detail = detail
  }

  package var description: String {
    "\(kind.rawValue)" + (path.map { " (\($0))" } ?? "") + ": " + detail
  }
}
