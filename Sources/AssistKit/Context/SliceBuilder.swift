/// Cuts ``Slice``s from a context under a token budget.
///
/// Priority, highest first: the region (in full while it takes at most ``windowThreshold`` of the
/// budget, else a ``RegionWindow`` of its one definition), the file's imports, the signatures of
/// what the region calls, the functions that call it, the file's outline. A piece that does not
/// fit is named in the slice's "not shown" line instead.
package struct SliceBuilder: Sendable {
  /// The repository context (files, index, references).
  package var context: RepoContext

  /// Creates a builder.
  package init(context: RepoContext) { self.context = context }

  /// The share of the budget a region may take in full; a single definition larger than this is
  /// shown as a window.
  package static let windowThreshold = 0.75
  /// The share of the budget a window takes: room is left for imports, callees and callers.
  static let windowShare = 0.6
  /// The share on a wider round (after an edit quoted lines not shown): more lines, still within
  /// the budget.
  static let widerWindowShare = 0.85

  /// The slice of `path` around `focus` (definitions of that file), or `nil` when the file is
  /// unknown.
  /// - Parameters:
  ///   - path: The file.
  ///   - focus: The definitions to show; empty shows the whole file.
  ///   - budget: Tokens for the whole slice text.
  ///   - padding: Extra lines shown before and after the region (a wider slice asks for more).
  ///   - evidence: What a window of a definition too large to show whole is centred on.
  package func slice(
    path: String, focus: [Definition], budget: Int, padding: Int = 0,
    evidence: SliceEvidence = .none
  ) -> Slice? {
    guard let text = context.files[path] else { return nil }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let count = text.hasSuffix("\n") ? lines.count - 1 : lines.count
    var start = max(1, (focus.map(\.startLine).min() ?? 1) - padding)
    var end = min(count, (focus.map(\.endLine).max() ?? count) + padding)
    let language = SourceLanguage(path: path)?.rawValue ?? ""
    var window: RegionWindow?
    if focus.count == 1, start <= end,
      Double(RepoContext.estimatedTokens(lines[(start - 1)..<end].joined(separator: "\n")))
        > Double(budget) * Self.windowThreshold
    {
      let share = padding > 0 ? Self.widerWindowShare : Self.windowShare
      let made = RegionWindow.make(
        definition: focus[0], span: start...end, file: Array(lines[..<count]),
        evidence: evidence, budget: Int(Double(budget) * share))
      (start, end, window) = (made.lines.lowerBound, made.lines.upperBound, made)
    }
    let region = lines[(start - 1)..<end].map { $0 + "\n" }.joined()
    let code =
      window.map {
        "\(path): \($0.name) (lines \($0.definition.lowerBound)–\($0.definition.upperBound) of "
          + "\(count)) is too long to show whole; "
          + ($0.head == nil ? "" : "its head, then ")
          + "lines \(start)–\(end) (only these lines may be changed):\n"
          + $0.render(file: Array(lines[..<count]), language: language)
      } ?? "\(path) lines \(start)–\(end) of \(count):\n```\(language)\n\(region)```"
    var used = RepoContext.estimatedTokens(code) + 40
    var sections: [String] = []
    var notShown: [String] = []
    let wholeFile = start == 1 && end == count
    if !wholeFile {
      let pieces: [(String, [String])] = [
        ("imports of \(path)", imports(lines)),
        ("what it calls", callees(of: focus, region: region, path: path)),
        ("what calls it", callers(of: focus)),
        ("outline of \(path)", outline(path, excluding: focus)),
      ]
      for (title, items) in pieces where !items.isEmpty {
        var kept: [String] = []
        var dropped = 0
        for item in items {
          let cost = RepoContext.estimatedTokens(item) + 1
          if used + cost > budget {
            dropped += 1
            continue
          }
          used += cost
          kept.append(item)
        }
        if !kept.isEmpty { sections.append("\(title):\n" + kept.joined(separator: "\n")) }
        if dropped > 0 { notShown.append("\(dropped) of \(items.count) lines of \(title)") }
      }
    }
    var rendered = sections.joined(separator: "\n\n")
    rendered += (rendered.isEmpty ? "" : "\n\n") + code
    if !notShown.isEmpty { rendered += "\nnot shown: " + notShown.joined(separator: "; ") }
    return Slice(
      path: path, startLine: start, endLine: end, focus: focus, region: region, text: rendered,
      notShown: notShown, window: window)
  }

  /// Top-level import lines (`import x`, `from x import y`, `#include`, `use`, `require`).
  private func imports(_ lines: [Substring]) -> [String] {
    let prefixes = ["import ", "from ", "#include", "use ", "@import"]
    return lines.filter { line in
      prefixes.contains { line.hasPrefix($0) }
        || (!line.hasPrefix(" ") && line.contains("require("))
    }.map(String.init)
  }

  /// Signatures (and first doc lines) of definitions the region mentions, outside the region.
  private func callees(of focus: [Definition], region: String, path: String) -> [String] {
    let focusNames = Set(focus.map(\.name))
    var seen: Set<String> = []
    var result: [String] = []
    References.scan(region) { word, _ in
      guard !focusNames.contains(word), seen.insert(word).inserted else { return }
      let defs = context.index.named(word).filter { d in
        !(d.path == path
          && focus.contains { $0.startLine <= d.startLine && d.endLine <= $0.endLine })
      }
      // A name defined in many places is too vague to be worth its tokens.
      guard !defs.isEmpty, defs.count <= 3 else { return }
      for d in defs { result.append(summary(d)) }
    }
    return result
  }

  /// The functions that mention the focus, with the line of the mention (a class or module
  /// variable that names it says nothing of how it is called).
  private func callers(of focus: [Definition]) -> [String] {
    var result: [String] = []
    for target in focus {
      var seen: Set<Definition> = []
      for site in context.references.mentions(of: target.name, index: context.index) {
        guard let caller = context.index.innermost(path: site.path, line: site.line),
          caller.isCallable, caller != target, seen.insert(caller).inserted
        else { continue }
        result.append("\(caller.path):\(site.line) in \(caller.signature)")
      }
    }
    return result
  }

  /// `name kind start–end` for each definition of the file outside the focus.
  private func outline(_ path: String, excluding focus: [Definition]) -> [String] {
    context.index.outline(path).filter { !focus.contains($0) }.map {
      "\($0.scope.map { "\($0)." } ?? "")\($0.name) (\($0.kind)) lines \($0.startLine)–\($0.endLine)"
    }
  }

  /// `path:line signature — first doc line`.
  private func summary(_ d: Definition) -> String {
    let doc = docLine(d).map { " — \($0)" } ?? ""
    return "\(d.path):\(d.line) \(d.signature)\(doc)"
  }

  /// The first line of a definition's docstring (Python) or of the comment right above it.
  private func docLine(_ d: Definition) -> String? {
    guard let text = context.files[d.path] else { return nil }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if d.line < lines.count {
      let next = lines[d.line].trimmed
      for quote in ["\"\"\"", "'''"] where next.hasPrefix(quote) {
        let body = next.dropFirst(3).replacing(quote, with: "").trimmed
        if !body.isEmpty { return String(body) }
      }
    }
    if d.startLine >= 2 {
      let above = lines[d.startLine - 2].trimmed
      for mark in ["///", "//", "#", "/**", "*"] where above.hasPrefix(mark) {
        let body = above.dropFirst(mark.count).replacing("*/", with: "").trimmed
        if !body.isEmpty { return String(body) }
      }
    }
    return nil
  }
}
