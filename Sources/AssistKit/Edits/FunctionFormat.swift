/// Named functions, rewritten whole: the model sees only those functions and answers with their
/// new text, which replaces their old lines in their files.
///
/// For a task that names one function, this is what small models can do: the 0.5B model fixes a
/// named ten-line function several times out of six samples where it almost never rewrites the
/// whole file correctly (BENCHMARKS.md, "The cascade"). A task that names two or three functions
/// ("fix `args2cmd` and `args2sh`") gets all of them, each in its own block. Everything after the
/// parse is the usual pipeline: the result is a whole-file write, gated and verified like any other.
package struct FunctionFormat: EditFormat {
  /// One function the reply may rewrite.
  package struct Target: Sendable, Equatable {
    /// The file the function lives in.
    package var path: String
    /// Where it sits.
    package var extent: SymbolExtent
    /// The file's current content, which the answer is spliced into.
    package var content: String
    /// A long docstring's lines in the file, shown as one marker line and restored on the way back.
    package var docstring: Range<Int>?

    /// Creates a target.
    package init(path: String, extent: SymbolExtent, content: String) {
      self.path = path
      self.extent = extent
      self.content = content
      docstring = FunctionFormat.longDocstring(extent, in: content, path: path)
    }

    /// The function as it is now.
    package var source: String { extent.source(in: content) }

    /// The function as the model sees it: its long docstring as one marker line.
    package var shown: String {
      guard let docstring else { return source }
      var lines = content.split(separator: "\n", omittingEmptySubsequences: false)
      let indent = lines[docstring.lowerBound].prefix { $0 == " " || $0 == "\t" }
      lines.replaceSubrange(
        docstring, with: [Substring(FunctionFormat.marker(indent: indent, lines: docstring.count))])
      let end = extent.lines.upperBound - docstring.count + 1
      return lines[extent.lines.lowerBound..<end].map { $0 + "\n" }.joined()
    }

    /// The docstring's original lines.
    var docstringLines: [Substring] {
      guard let docstring else { return [] }
      return Array(content.split(separator: "\n", omittingEmptySubsequences: false)[docstring])
    }
  }

  /// The functions, best-ranked first; never empty, names distinct.
  package private(set) var targets: [Target]
  /// Whether the change is a fix (the instructions say "fix the bug") or another change the task
  /// describes (a parameter added, an exception type changed).
  package var fixes = true

  /// Creates the format for one function of one file.
  package init(path: String, extent: SymbolExtent, content: String) {
    targets = [Target(path: path, extent: extent, content: content)]
  }

  /// Creates the format for several functions; `nil` when `targets` is empty, repeats a name or
  /// has two that overlap (a function and one nested in it).
  package init?(targets: [Target]) {
    guard !targets.isEmpty, Set(targets.map(\.extent.name)).count == targets.count else {
      return nil
    }
    for (i, a) in targets.enumerated() {
      for b in targets[(i + 1)...] where a.path == b.path && a.extent.lines.overlaps(b.extent.lines)
      {
        return nil
      }
    }
    self.targets = targets
  }

  /// The name attempts and routing history record for this format.
  package static let formatName = "function"

  package var name: String { Self.formatName }

  /// The first function's file.
  package var path: String { targets[0].path }
  /// The first function's place.
  package var extent: SymbolExtent { targets[0].extent }
  /// The first function's file content.
  package var content: String { targets[0].content }
  /// Every function's name, in order.
  package var names: [String] { targets.map(\.extent.name) }

  package var instructions: String {
    let (verb, adjective) =
      fixes ? ("Fix the bug in", "corrected") : ("Make the change in", "changed")
    // A collapsed docstring: its marker line is copied, not rewritten.
    let marker =
      targets.contains { $0.docstring != nil }
      ? " Copy a `\"\"\"(docstring: … not shown)\"\"\"` line as it is: it stands for the docstring."
      : ""
    guard targets.count > 1 else {
      return """
        \(verb) this function. Reply with the \(adjective) function `\(extent.name)` in one \
        fenced block: the whole function, every line of it, and nothing else from \(path).\(marker)

        """
    }
    let list = names.map { "`\($0)`" }.joined(separator: ", ")
    return """
      \(verb) these functions. Reply with each function you change (of \(list)) in its own \
      fenced block: the whole function, every line of it, and nothing else from its file.\(marker)

      """
  }

  /// The functions as they are now, one after another (what the output cap is sized by).
  package var source: String { targets.map(\.source).joined(separator: "\n") }
  /// The functions as the model sees them (long docstrings collapsed).
  package var shown: String { targets.map(\.shown).joined(separator: "\n") }

  package func parse(reply: String, defaultPath: String?) throws -> [FileEdit] {
    let blocks = FencedBlock.all(in: reply).filter { !$0.isShell && !$0.body.isBlank }
    guard !blocks.isEmpty else { return [] }
    var files: [String: String] = [:]
    var order: [String] = []
    // Lowest in the file last: splicing a later function first keeps the earlier ones' lines.
    let ranked = targets.sorted {
      ($0.path, -$0.extent.lines.lowerBound) < ($1.path, -$1.extent.lines.lowerBound)
    }
    for target in ranked {
      guard let text = try rewritten(target, from: blocks) else { continue }
      if files[target.path] == nil { order.append(target.path) }
      files[target.path] = target.extent.splice(text, into: files[target.path] ?? target.content)
    }
    guard !files.isEmpty else {
      let wanted = names.map { "`\($0)`" }.joined(separator: " or ")
      throw EditParseError(
        format: name, line: blocks[0].line,
        reason:
          "no fenced block defines \(wanted): reply with the whole function, its signature included"
      )
    }
    return order.map { FileEdit(path: $0, change: .write(files[$0] ?? "")) }
  }

  /// The reply's text of `target`, indented as in its file; `nil` when no block defines it.
  private func rewritten(_ target: Target, from blocks: [FencedBlock]) throws -> String? {
    // The block that defines the function; models sometimes add a usage example or a test.
    for block in blocks {
      guard let found = SymbolExtent.find(target.extent.name, in: block.body, path: target.path)
      else { continue }
      let lines = block.body.split(separator: "\n", omittingEmptySubsequences: false)[found.lines]
      if let elided = lines.firstIndex(where: WholeFileFormat.isElision) {
        throw EditParseError(
          format: name, line: block.line + 1 + elided,
          reason: "the function is shortened with a placeholder: write every line of it")
      }
      let text = lines.map { Self.reindent($0, from: found.indent, to: target.extent.indent) }
      guard target.docstring != nil else { return text.joined(separator: "\n") }
      return Self.restoringDocstring(text, original: target.docstringLines).joined(separator: "\n")
    }
    return nil
  }

  /// `line` moved from the reply's indentation to the file's (a method answered at column 0).
  static func reindent(_ line: Substring, from old: String, to new: String) -> String {
    guard old != new, !line.isBlank else { return String(line) }
    return new + (line.hasPrefix(old) ? line.dropFirst(old.count) : line)
  }
}
