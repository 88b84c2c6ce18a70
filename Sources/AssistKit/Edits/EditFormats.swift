/// The registry of edit formats, by the names agent definitions use.
package struct EditFormats: Sendable {
  /// The registered formats, by name.
  package private(set) var byName: [String: any EditFormat]

  /// Creates a registry holding `formats`.
  package init(_ formats: [any EditFormat]) {
    byName = [:]
    for format in formats { byName[format.name] = format }
  }

  /// The four built-in formats: `search-replace`, `udiff`, `whole-file` and `patch`.
  package static let standard = EditFormats([
    SearchReplaceFormat(), UnifiedDiffFormat(), WholeFileFormat(), PatchEnvelopeFormat(),
  ])

  /// The registered names, sorted.
  package var names: [String] { byName.keys.sorted() }

  /// The format registered under `name`, or `nil`.
  package subscript(name: String) -> (any EditFormat)? { byName[name] }

  /// Adds or replaces a format.
  package mutating func register(_ format: any EditFormat) { byName[format.name] = format }
}
