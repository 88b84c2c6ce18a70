/// One function, rewritten whole: the model sees only that function and answers with its new text,
/// which replaces the old lines of the file.
///
/// For a task that names one function, this is what small models can do: the 0.5B model fixes a
/// named ten-line function several times out of six samples where it almost never rewrites the
/// whole file correctly (BENCHMARKS.md, "The cascade"). Everything after the parse is the usual
/// pipeline: the result is a whole-file write, gated and verified like any other.
package struct FunctionFormat: EditFormat {
  /// The file the function lives in.
  package var path: String
  /// Where it sits.
  package var extent: SymbolExtent
  /// The file's current content, which the answer is spliced into.
  package var content: String

  /// Creates the format for one function of one file.
  package init(path: String, extent: SymbolExtent, content: String) {
    self.path = path
    self.extent = extent
    self.content = content
  }

  /// The name attempts and routing history record for this format.
  package static let formatName = "function"

  package var name: String { Self.formatName }

  package var instructions: String {
    """
    Fix the bug in this function. Reply with the corrected function `\(extent.name)` in one \
    fenced block: the whole function, every line of it, and nothing else from \(path).

    """
  }

  /// The function as it is now, for the prompt.
  package var source: String { extent.source(in: content) }

  package func parse(reply: String, defaultPath: String?) throws -> [FileEdit] {
    let blocks = FencedBlock.all(in: reply).filter { !$0.isShell && !$0.body.isBlank }
    guard !blocks.isEmpty else { return [] }
    // The block that defines the function; models sometimes add a usage example or a test.
    for block in blocks {
      guard let found = SymbolExtent.find(extent.name, in: block.body, path: path) else {
        continue
      }
      let lines = block.body.split(separator: "\n", omittingEmptySubsequences: false)[found.lines]
      if let elided = lines.firstIndex(where: WholeFileFormat.isElision) {
        throw EditParseError(
          format: name, line: block.line + 1 + elided,
          reason: "the function is shortened with a placeholder: write every line of it")
      }
      let text = lines.map { Self.reindent($0, from: found.indent, to: extent.indent) }
        .joined(separator: "\n")
      return [FileEdit(path: path, change: .write(extent.splice(text, into: content)))]
    }
    throw EditParseError(
      format: name, line: blocks[0].line,
      reason:
        "no fenced block defines `\(extent.name)`: reply with the whole function, its signature included"
    )
  }

  /// `line` moved from the reply's indentation to the file's (a method answered at column 0).
  static func reindent(_ line: Substring, from old: String, to new: String) -> String {
    guard old != new, !line.isBlank else { return String(line) }
    return new + (line.hasPrefix(old) ? line.dropFirst(old.count) : line)
  }
}
