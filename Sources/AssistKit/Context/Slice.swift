/// What a sub-agent is shown of one file: a region (the places it must change; a window of a
/// definition too large to show whole), and
/// around it the file's imports and outline and the signatures of what the region calls and what
/// calls it. Whatever did not fit the budget is named in ``notShown``.
package struct Slice: Sendable, Equatable {
  /// The file.
  package var path: String
  /// The region's first line in the whole file, 1-based.
  package var startLine: Int
  /// The region's last line, 1-based, inclusive.
  package var endLine: Int
  /// The definitions the region was built around.
  package var focus: [Definition]
  /// The region's exact text, each line ending in a newline.
  package var region: String
  /// The prompt section: header, imports, outline, neighbours, the fenced region, "not shown".
  package var text: String
  /// What was left out to fit the budget, by name.
  package var notShown: [String]
  /// The window the region is, when its definition was too large to show whole; the region
  /// (and ``startLine``…``endLine``) is then the window's lines only.
  package var window: RegionWindow?

  /// Estimated tokens of ``text``.
  package var tokens: Int { RepoContext.estimatedTokens(text) }

  /// Creates a slice.
  package init(
    path: String, startLine: Int, endLine: Int, focus: [Definition], region: String, text: String,
    notShown: [String], window: RegionWindow? = nil
  ) {
    self.window = window
    self.path = path
    self.startLine = startLine
    self.endLine = endLine
    self.focus = focus
    self.region = region
    self.text = text
    self.notShown = notShown
  }

  /// `whole` with the region's lines replaced by `newRegion`.
  /// - Parameters:
  ///   - newRegion: The region after an edit.
  ///   - whole: The whole file the slice was cut from.
  package func splice(_ newRegion: String, into whole: String) -> String {
    var lines = whole.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var new = newRegion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if new.last == "" { new.removeLast() }
    lines.replaceSubrange((startLine - 1)..<min(endLine, lines.count), with: new)
    return lines.joined(separator: "\n")
  }
}
