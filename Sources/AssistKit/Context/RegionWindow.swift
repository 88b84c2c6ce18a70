/// The part of one definition too large for its slice that a sub-agent is shown: its head
/// (signature and docstring start) and one contiguous window of lines centred on evidence, with
/// the lines left out named.
///
/// A 600-line function shown in full overflows an 8,192-token window before the model is called.
/// Edits may only change the window's lines (``Slice/startLine``…``Slice/endLine``); a quote
/// from anywhere else is refused and a wider window is shown instead of guessing.
package struct RegionWindow: Sendable, Equatable {
  /// What the window is centred on.
  package enum Anchor: Sendable, Equatable {
    /// A line the failing tests' traceback names.
    case traceback(line: Int)
    /// The lines that mention the most task words.
    case taskWords
    /// No evidence: the definition's first lines.
    case head
  }

  /// The definition's name.
  package var name: String
  /// The definition's lines, 1-based, inclusive.
  package var definition: ClosedRange<Int>
  /// The head shown above the window (signature, docstring start), or `nil` when the window
  /// starts at the definition's first line.
  package var head: ClosedRange<Int>?
  /// The window: the only lines edits may change, 1-based, inclusive.
  package var lines: ClosedRange<Int>
  /// Why the window sits where it does.
  package var anchor: Anchor

  /// Creates a window.
  package init(
    name: String, definition: ClosedRange<Int>, head: ClosedRange<Int>?, lines: ClosedRange<Int>,
    anchor: Anchor
  ) {
    self.name = name
    self.definition = definition
    self.head = head
    self.lines = lines
    self.anchor = anchor
  }

  /// Most head lines shown (a long signature or docstring is cut there).
  static let headLimit = 12

  /// The window of `definition` (in `file`) that fits `budget` estimated tokens with its head.
  /// - Parameters:
  ///   - definition: The large definition.
  ///   - span: The lines that may be shown (the definition, or it with padding), 1-based.
  ///   - file: The whole file's lines.
  ///   - evidence: Traceback lines and task words to centre on.
  ///   - budget: Tokens for the head and the window together.
  package static func make(
    definition: Definition, span: ClosedRange<Int>, file: [Substring], evidence: SliceEvidence,
    budget: Int
  ) -> RegionWindow {
    let span = max(1, span.lowerBound)...min(file.count, max(span.upperBound, span.lowerBound))
    let head = headLines(of: definition, file: file)
    let (centre, anchor) = centre(
      definition: definition, span: span, head: head, file: file, evidence: evidence)
    let headCost = head.map { cost(file, $0) } ?? 0
    var lines = grow(around: centre, within: span, file: file, budget: budget - headCost)
    // A window that reaches the head shows it as its own first lines.
    var shownHead = head
    if let h = head, lines.lowerBound <= h.upperBound + 1 {
      shownHead = nil
      lines = grow(
        from: max(span.lowerBound, definition.startLine), within: span, file: file, budget: budget)
    }
    return RegionWindow(
      name: definition.name, definition: definition.startLine...definition.endLine,
      head: shownHead, lines: lines, anchor: anchor)
  }

  /// The prompt text: the head block, the window block, and a marker for each gap.
  /// - Parameters:
  ///   - file: The whole file's lines.
  ///   - language: The fence's language tag.
  package func render(file: [Substring], language: String) -> String {
    var parts: [String] = []
    func block(_ range: ClosedRange<Int>) -> String {
      "```\(language)\n"
        + file[(range.lowerBound - 1)..<range.upperBound].map { $0 + "\n" }
        .joined() + "```"
    }
    if let head {
      parts.append(block(head))
      if head.upperBound + 1 < lines.lowerBound {
        parts.append(marker(head.upperBound + 1, lines.lowerBound - 1))
      }
    } else if definition.lowerBound < lines.lowerBound {
      parts.append(marker(definition.lowerBound, lines.lowerBound - 1))
    }
    parts.append(block(lines))
    if lines.upperBound < definition.upperBound {
      parts.append(marker(lines.upperBound + 1, definition.upperBound))
    }
    return parts.joined(separator: "\n")
  }

  /// `… lines A–B of NAME not shown …`.
  private func marker(_ from: Int, _ to: Int) -> String {
    "… lines \(from)–\(to) of \(name) not shown …"
  }

  /// The signature (through its closing `:` or `{`) and the docstring's first lines.
  static func headLines(of definition: Definition, file: [Substring]) -> ClosedRange<Int>? {
    let first = definition.startLine
    guard first >= 1, first <= file.count else { return nil }
    let limit = min(definition.endLine, file.count, first + headLimit - 1)
    var end = max(first, min(definition.line, limit))
    // The signature ends at the first line closing it.
    while end < limit {
      let text = file[end - 1].trimmed
      if text.hasSuffix(":") || text.hasSuffix("{") || text.hasSuffix("=>") { break }
      end += 1
    }
    // A Python docstring's opening lines, up to its close or the limit.
    if end < limit {
      let next = file[end].trimmed
      if let quote = ["\"\"\"", "'''"].first(where: { next.hasPrefix($0) }) {
        end += 1
        var closed = next.dropFirst(3).contains(quote)
        while !closed, end < limit {
          end += 1
          closed = file[end - 1].contains(quote)
        }
      }
    }
    return first...end
  }

  /// The line to centre on: the innermost traceback line inside the span, else the densest
  /// stretch of task words after the head (the head is shown anyway, and the definition's own
  /// name says nothing of where in it to look), else the head.
  static func centre(
    definition: Definition, span: ClosedRange<Int>, head: ClosedRange<Int>?, file: [Substring],
    evidence: SliceEvidence
  ) -> (Int, Anchor) {
    let traced = (evidence.lines[definition.path] ?? []).filter { span.contains($0) }
    if let line = traced.last { return (line, .traceback(line: line)) }
    let body = max(span.lowerBound, (head?.upperBound ?? 0) + 1)
    if body <= span.upperBound,
      let line = densest(
        span: body...span.upperBound, file: file,
        words: evidence.words.subtracting([definition.name]))
    {
      return (line, .taskWords)
    }
    return (span.lowerBound, .head)
  }

  /// The line around which task words are densest (rarer words weigh more), or `nil` when no
  /// line of the span mentions one.
  private static func densest(span: ClosedRange<Int>, file: [Substring], words: Set<String>)
    -> Int?
  {
    guard !words.isEmpty else { return nil }
    var hits: [Int: Set<String>] = [:]
    var lineCount: [String: Int] = [:]
    for line in span {
      var found: Set<String> = []
      References.scan(String(file[line - 1])) { word, _ in
        if words.contains(word) { found.insert(word) }
      }
      guard !found.isEmpty else { continue }
      hits[line] = found
      for word in found { lineCount[word, default: 0] += 1 }
    }
    guard !hits.isEmpty else { return nil }
    // Score each line by its words' rarity, then smooth over ±10 lines so a stretch beats a
    // lone mention.
    let score: [Int: Double] = hits.mapValues { found in
      found.reduce(0) { $0 + 1 / Double(lineCount[$1] ?? 1) }
    }
    var best: (line: Int, score: Double)?
    for line in hits.keys.sorted() {
      let around = ((line - 10)...(line + 10)).reduce(0.0) { $0 + (score[$1] ?? 0) }
      if best.map({ around > $0.score }) ?? true { best = (line, around) }
    }
    return best?.line
  }

  /// The widest range centred on `centre` inside `span` whose lines fit `budget` tokens (a line
  /// above, a line below, and on one side only once the other ends).
  static func grow(
    around centre: Int, within span: ClosedRange<Int>, file: [Substring], budget: Int
  )
    -> ClosedRange<Int>
  {
    var low = min(max(centre, span.lowerBound), span.upperBound)
    var high = low
    var used = cost(file, low...high)
    var turn = 0
    while low > span.lowerBound || high < span.upperBound {
      let up = turn % 2 == 0 ? low > span.lowerBound : high >= span.upperBound
      let next = up ? low - 1 : high + 1
      let add = RepoContext.estimatedTokens(file[next - 1] + "\n")
      if used + add > budget { break }
      used += add
      if up { low = next } else { high = next }
      turn += 1
    }
    return low...high
  }

  /// The lines from `start` down that fit `budget`.
  private static func grow(
    from start: Int, within span: ClosedRange<Int>, file: [Substring], budget: Int
  ) -> ClosedRange<Int> {
    var high = start
    var used = cost(file, start...start)
    while high < span.upperBound {
      let add = RepoContext.estimatedTokens(file[high] + "\n")
      if used + add > budget { break }
      used += add
      high += 1
    }
    return start...high
  }

  /// Estimated tokens of `range`'s lines.
  private static func cost(_ file: [Substring], _ range: ClosedRange<Int>) -> Int {
    RepoContext.estimatedTokens(
      file[(range.lowerBound - 1)..<range.upperBound].joined(separator: "\n") + "\n")
  }
}
