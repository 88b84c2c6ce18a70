/// SEARCH/REPLACE blocks written against slices: each block is matched inside its slice's region
/// only and the result is spliced back into the whole file by line range, so a quote that is
/// common in a large file still lands in the one place the model was shown.
///
/// A quote the slice does not hold is a parse error that starts with ``outsideReason``: the
/// sub-agent then shows a wider slice once, instead of the matcher guessing elsewhere in the file.
package struct SliceFormat: EditFormat {
  /// The slices shown, by path.
  package var slices: [Slice]
  /// The files as the slices were cut from them (path → content).
  package var files: [String: String]

  /// The start of the parse error's reason when a quote lies outside the slice.
  package static let outsideReason = "the SEARCH text is not in the code shown"

  /// Creates the format.
  package init(slices: [Slice], files: [String: String]) {
    self.slices = slices
    self.files = files
  }

  /// The name attempts and routing history record for this format.
  package static let formatName = "slice"

  package var name: String { Self.formatName }

  package var instructions: String {
    SearchReplaceFormat().instructions
      + "Quote only lines shown in the code blocks above (a file's lines outside them are not shown).\n"
  }

  package func parse(reply: String, defaultPath: String?) throws -> [FileEdit] {
    let edits = try SearchReplaceFormat().parse(reply: reply, defaultPath: defaultPath)
    var result: [FileEdit] = []
    for slice in slices {
      let mine = edits.filter { $0.path == slice.path }
      guard !mine.isEmpty, let whole = files[slice.path] else { continue }
      switch slice.apply(mine, to: whole) {
      case .file(let text): result.append(FileEdit(path: slice.path, change: .write(text)))
      case .outside(let quotes):
        // A window's head is shown but not editable: the quote is refused, never guessed.
        let shown =
          slice.window.map {
            "only lines \(slice.startLine)–\(slice.endLine) of \($0.name) in \(slice.path) may be "
              + "changed; the edit needs a wider slice of \($0.name)"
          } ?? "lines \(slice.startLine)–\(slice.endLine) of \(slice.path)"
        throw EditParseError(
          format: name, line: nil,
          reason: "\(Self.outsideReason) (\(shown)): "
            + quotes.map { "`\($0)`" }.joined(separator: ", "))
      case .ambiguous(let quotes):
        throw EditParseError(
          format: name, line: nil,
          reason:
            "the SEARCH text fits several places in the code shown: "
            + quotes.map { "`\($0)`" }.joined(separator: ", ")
            + "; quote a few more unchanged lines around the change")
      }
    }
    let sliced = Set(slices.map(\.path))
    return result + edits.filter { !sliced.contains($0.path) }
  }
}
