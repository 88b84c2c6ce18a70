extension EditApplier {
  /// Places one search/replace block with the matcher, refusing overlaps with earlier blocks.
  func replace(
    edit: (path: String, search: [Substring], replacement: [Substring], anchor: String?),
    block: Int, state: inout FileState
  ) -> BlockOutcome {
    let path = edit.path
    let lines = state.lines
    func outcome(
      _ kind: EditFailure.Kind, _ strategy: MatchStrategy?, _ candidates: [EditFailure.Candidate],
      _ detail: String
    )
      -> BlockOutcome
    {
      BlockOutcome(
        block: block, path: path,
        failure: EditFailure(
          path: path, block: block, kind: kind, strategy: strategy, candidates: candidates,
          detail: detail))
    }
    switch matcher.locate(
      search: edit.search, replacement: edit.replacement, in: lines, anchor: edit.anchor)
    {
    case .found(let placement):
      let window = placement.start..<placement.start + placement.count
      if let earlier = state.written.first(where: { $0.range.overlaps(window) }) {
        return outcome(
          .overlapping, placement.strategy, [Self.candidate(lines, window)],
          "the SEARCH lines overlap lines that block \(earlier.block) of this reply already changed: "
            + "merge the two blocks into one")
      }
      state.splice(window, with: placement.lines, block: block)
      return BlockOutcome(
        block: block, path: path, strategy: placement.strategy, line: placement.start + 1)
    case .ambiguous(let strategy, let starts):
      let shown = starts.prefix(5).map { Self.candidate(lines, $0..<$0 + edit.search.count) }
      let numbers = starts.map { String($0 + 1) }.joined(separator: ", ")
      return outcome(
        .ambiguous, strategy, shown,
        "the SEARCH lines appear \(starts.count) times (at lines \(numbers)): include more "
          + "unchanged lines around the change so that they appear once")
    case .missing:
      var detail = "the SEARCH lines are not in \(path)"
      if let base = state.base, state.written.isEmpty == false,
        case .found = matcher.locate(search: edit.search, replacement: [], in: base.editLines)
      {
        detail +=
          ": an earlier block of this reply already changed these lines; quote them as they are now"
      } else if !edit.replacement.isEmpty,
        case .found = matcher.locate(search: edit.replacement, replacement: [], in: lines)
      {
        detail += "; the REPLACE lines are already there, so this block may not be needed"
      } else {
        detail += ": copy them exactly from the file, including indentation and comments"
      }
      return outcome(.missing, .fuzzy, Self.closest(edit.search, in: lines), detail)
    }
  }

  /// The file lines in `range`, with two lines of context on each side.
  static func candidate(_ lines: [Substring], _ range: Range<Int>) -> EditFailure.Candidate {
    let start = max(0, range.lowerBound - 2)
    let end = min(lines.count, range.upperBound + 2)
    return EditFailure.Candidate(line: start + 1, lines: lines[start..<end].map(String.init))
  }

  /// The place in `lines` most like `quote`: the window sharing the most (loosely) equal lines,
  /// or failing that the line most like the quote's first non-blank line.
  static func closest(_ quote: [Substring], in lines: [Substring]) -> [EditFailure.Candidate] {
    guard !lines.isEmpty, !quote.isEmpty else { return [] }
    let keys = lines.map(Matcher.key)
    let quoteKeys = quote.map(Matcher.key)
    let width = min(quote.count, lines.count)
    var best = (start: 0, score: 0)
    for start in 0...(lines.count - width) {
      var score = 0
      for j in 0..<width where !quoteKeys[j].isEmpty && keys[start + j] == quoteKeys[j] {
        score += 1
      }
      if score > best.score { best = (start, score) }
    }
    if best.score > 0 { return [candidate(lines, best.start..<best.start + width)] }
    guard let first = quoteKeys.first(where: { !$0.isEmpty }) else { return [] }
    var bestLine = (index: 0, similarity: 0.0)
    for (index, key) in keys.enumerated() {
      let similarity = Matcher.similarity(first, key)
      if similarity > bestLine.similarity { bestLine = (index, similarity) }
    }
    guard bestLine.similarity >= 0.5 else { return [] }
    return [candidate(lines, bestLine.index..<min(lines.count, bestLine.index + width))]
  }
}
