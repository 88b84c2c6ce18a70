/// New code added at the end of one file: the model writes only what is new, in one fenced block,
/// and quotes nothing. For a part that adds a test to a named test file: small models asked for a
/// SEARCH/REPLACE there sent empty blocks or rewrote the last test instead of adding one.
package struct AppendFormat: EditFormat {
  /// The file the code goes to.
  package var path: String
  /// Its current content.
  package var content: String
  /// What the new code is for (the part of the task), repeated last: small models otherwise send
  /// back the example code shown just above.
  package var purpose: String?

  /// Creates the format for `path` as it stands (`content`).
  package init(path: String, content: String, purpose: String? = nil) {
    self.path = path
    self.content = content
    self.purpose = purpose
  }

  /// The name attempts and routing history record for this format.
  package static let formatName = "append"

  package var name: String { Self.formatName }

  package var instructions: String {
    let what = purpose.map { " for this: \($0)" } ?? ""
    return """
      The code shown from \(path) is an example; do not send it back. Reply with only the new \
      code\(what), in one fenced block: it is added at the end of \(path). Write complete \
      definitions with new names; do not repeat or change code the file already has.

      """
  }

  package func parse(reply: String, defaultPath: String?) throws -> [FileEdit] {
    let blocks = FencedBlock.all(in: reply).filter { !$0.isShell && !$0.body.isBlank }
    guard let block = blocks.first else { return [] }
    var body = block.body
    while body.hasSuffix("\n") { body.removeLast() }
    // A definition the file already has, sent again, would be a second copy of it.
    let language = SourceLanguage(path: path)
    let existing = topLevelNames(in: content)
    if let again = topLevelNames(in: body).intersection(existing).sorted().first {
      throw EditParseError(
        format: name, line: block.line,
        reason: "`\(again)` is already defined in \(path): send only new code, with a new name")
    }
    var base = content
    while base.hasSuffix("\n") { base.removeLast() }
    // Two blank lines between top-level Python definitions, one elsewhere.
    let gap = language == .python ? "\n\n\n" : "\n\n"
    return [FileEdit(path: path, change: .write(base + gap + body + "\n"))]
  }

  /// Names that `text` defines at its top level, read as the index reads a file ctags does not
  /// know (``FallbackDefinitions``).
  private func topLevelNames(in text: String) -> Set<String> {
    Set(FallbackDefinitions.find(in: text, path: path).filter { $0.scope == nil }.map(\.name))
  }
}
