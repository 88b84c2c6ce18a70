extension Slice {
  /// What became of SEARCH/REPLACE edits made on a slice.
  package enum Mapped: Sendable, Equatable {
    /// The whole file with every edit applied inside the region.
    case file(String)
    /// Quotes the region does not hold (the edit needs code outside the slice): show more.
    case outside([String])
    /// Quotes that fit several places in the region.
    case ambiguous([String])
  }

  /// Applies `edits` (replacements on this slice's file) inside the region only, by the
  /// ``Matcher``, and splices the result back into `whole` by line range.
  ///
  /// A quote the region does not hold is never looked for elsewhere in the file: the caller shows
  /// a wider slice instead of guessing which of several similar places was meant.
  /// - Parameters:
  ///   - edits: The parsed edits; edits to other files or whole-file writes are ignored.
  ///   - whole: The file the slice was cut from, as it is now.
  package func apply(_ edits: [FileEdit], to whole: String) -> Mapped {
    var region = self.region.split(separator: "\n", omittingEmptySubsequences: false)
    if region.last == "" { region.removeLast() }
    var outside: [String] = []
    var ambiguous: [String] = []
    let matcher = Matcher()
    for edit in edits where edit.path == path {
      guard case .replace(let search, let replacement, let anchor) = edit.change, !search.isEmpty
      else { continue }
      let quote = Self.lines(search)
      switch matcher.locate(
        search: quote, replacement: Self.lines(replacement), in: region, anchor: anchor)
      {
      case .found(let placement):
        region.replaceSubrange(
          placement.start..<(placement.start + placement.count),
          with: placement.lines.map { Substring($0) })
      case .missing: outside.append(String(quote.first ?? ""))
      case .ambiguous: ambiguous.append(String(quote.first ?? ""))
      }
    }
    if !outside.isEmpty { return .outside(outside) }
    if !ambiguous.isEmpty { return .ambiguous(ambiguous) }
    return .file(splice(region.map { $0 + "\n" }.joined(), into: whole))
  }

  private static func lines(_ text: String) -> [Substring] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}
