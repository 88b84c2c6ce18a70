/// The `*** Begin Patch` envelope of Codex's `apply_patch`: `*** Update File: p` with `@@` context
/// markers and ` `/`-`/`+` lines, `*** Add File: p` with `+` lines, `*** Delete File: p`.
///
/// Each `@@` chunk becomes a search/replace pair anchored after its `@@` context line. A missing
/// `*** Begin Patch` or `*** End Patch` is tolerated; renames (`*** Move to:`) and unprefixed lines
/// inside a chunk are refused.
package struct PatchEnvelopeFormat: EditFormat {
  package var name: String { "patch" }

  package var instructions: String {
    """
    Describe the change as a patch envelope, in this exact shape:

    *** Begin Patch
    *** Update File: path/to/file.ext
    @@ a line just above the change, such as the enclosing function's signature
     an unchanged line for context
    -a line to remove
    +a line to add
    *** End Patch

    Rules:
    - Prefix unchanged lines with a space, removed lines with -, added lines with +; copy \
    unchanged and removed lines exactly.
    - Give three unchanged lines around each change; start each separate change with its own \
    @@ line.
    - To create a file use *** Add File: path followed by its lines, each prefixed with +.
    - To delete a file use *** Delete File: path.

    """
  }

  /// Creates the format.
  package init() {}

  package func parse(reply: String, defaultPath: String?) throws -> [FileEdit] {
    let lines = reply.editLines
    var edits: [FileEdit] = []
    var i = 0
    while i < lines.count {
      let line = lines[i].trailingTrimmed
      if let path = Self.header("*** Delete File:", line) {
        edits.append(FileEdit(path: path, change: .delete))
        i += 1
      } else if let path = Self.header("*** Add File:", line) {
        var content = ""
        i += 1
        while i < lines.count, lines[i].hasPrefix("+") {
          content += lines[i].dropFirst().trailingTrimmed(ifCarriageReturn: true) + "\n"
          i += 1
        }
        if i < lines.count, !lines[i].hasPrefix("***"), !lines[i].isBlank {
          throw EditParseError(
            format: name, line: i + 1,
            reason: "every line of an added file must start with +")
        }
        // An added file must not exist yet: an empty search creates, and refuses an existing file.
        edits.append(.replace(path, search: "", replacement: content))
      } else if let path = Self.header("*** Update File:", line) {
        i += 1
        edits += try updateChunks(path: path, lines: lines, index: &i)
      } else {
        i += 1
      }
    }
    return edits
  }

  private func updateChunks(path: String, lines: [Substring], index i: inout Int) throws
    -> [FileEdit]
  {
    var edits: [FileEdit] = []
    var anchor: String?
    var body = HunkBody()
    var bodyLine = i + 1
    func flush() throws {
      guard !body.isEmpty else { return }
      guard body.changes > 0 else {
        throw EditParseError(
          format: name, line: bodyLine,
          reason: "a chunk of \(path) changes nothing: mark removed lines with - and added with +")
      }
      edits.append(
        .replace(path, search: body.search, replacement: body.replacement, anchor: anchor))
      body = HunkBody()
    }
    while i < lines.count {
      let line = lines[i]
      if line.hasPrefix("*** Move to:") {
        throw EditParseError(
          format: name, line: i + 1,
          reason: "renames are not supported: add the new file and delete the old one")
      }
      if line.hasPrefix("*** End of File") {
        i += 1
        continue
      }
      if line.hasPrefix("***") || line.trimmed.hasPrefix("```") { break }
      if line.hasPrefix("@@") {
        try flush()
        let context = line.dropFirst(2).trimmed
        anchor = context.isEmpty || context == "@@" ? nil : String(context)
        bodyLine = i + 2
        i += 1
        continue
      }
      guard body.add(line) else {
        throw EditParseError(
          format: name, line: i + 1,
          reason: "every line of an update chunk must start with a space, - or +")
      }
      i += 1
    }
    try flush()
    if edits.isEmpty {
      throw EditParseError(
        format: name, line: bodyLine - 1, reason: "the update of \(path) has no chunk lines")
    }
    return edits
  }

  private static func header(_ prefix: String, _ line: Substring) -> String? {
    guard line.hasPrefix(prefix) else { return nil }
    let path = line.dropFirst(prefix.count).trimmed
    return path.isEmpty ? nil : String(path)
  }
}

extension Substring {
  fileprivate func trailingTrimmed(ifCarriageReturn: Bool) -> Substring {
    last == "\r" ? dropLast() : self
  }
}
