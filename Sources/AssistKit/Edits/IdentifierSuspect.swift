/// A name a change newly references that neither the repository nor the change defines: likely
/// invented by the model.
package struct IdentifierSuspect: Sendable, Equatable, Codable, CustomStringConvertible {
  /// How the change uses the name.
  package enum Kind: String, Sendable, Codable {
    case call, attribute, `import`
  }

  /// The file.
  package var path: String
  /// The 1-based line in the new content.
  package var line: Int
  /// The name.
  package var name: String
  /// How it is used.
  package var kind: Kind

  /// Creates a suspect.
  package init(path: String, line: Int, name: String, kind: Kind) {
    self.path = path
    self.line = line
    self.name = name
    self.kind = kind
  }

  package var description: String { "\(path):\(line): \(kind.rawValue) of unknown name '\(name)'" }
}
