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

extension EditFormats {
  /// The name of the format a reply appears to be written in, for replies that arrive without
  /// one (`assist apply --edits`): a patch envelope, SEARCH/REPLACE blocks, a unified diff, else
  /// whole files.
  package static func detect(reply: String) -> String {
    let lines = reply.editLines
    if lines.contains(where: {
      $0.hasPrefix("*** Begin Patch") || $0.hasPrefix("*** Update File:")
        || $0.hasPrefix("*** Add File:") || $0.hasPrefix("*** Delete File:")
    }) {
      return "patch"
    }
    if lines.contains(where: SearchReplaceParser.Marker.isSearch) { return "search-replace" }
    for (index, line) in lines.enumerated().dropLast()
    where line.hasPrefix("--- ") && lines[index + 1].hasPrefix("+++ ") {
      return "udiff"
    }
    return "whole-file"
  }
}
