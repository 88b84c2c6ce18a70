/// Finds the one place in a file where a block's quoted lines apply, from the tightest comparison
/// to the loosest, and builds the lines that replace them.
///
/// Strategies run in ``MatchStrategy`` order; the first that finds any place decides: one place is
/// a match, several are an ambiguity (a looser strategy would only find more). Every strategy
/// compares line for line over a window as long as the quote, so each quoted line has exactly one
/// file line; a replacement line that repeats a quoted line keeps the file's own text for it.
package struct Matcher: Sendable {
  /// The mean per-line similarity a fuzzy window needs (0...1).
  package var fuzzyThreshold: Double
  /// The fewest quoted lines a fuzzy match may have (its first and last lines are anchors).
  package var fuzzyMinimumLines: Int

  /// Creates a matcher.
  package init(fuzzyThreshold: Double = 0.85, fuzzyMinimumLines: Int = 3) {
    self.fuzzyThreshold = fuzzyThreshold
    self.fuzzyMinimumLines = fuzzyMinimumLines
  }

  /// Where a block applies and what goes there.
  struct Placement: Equatable {
    /// The first file line (0-based) of the replaced window.
    var start: Int
    /// How many file lines the window covers.
    var count: Int
    /// The comparison that found it.
    var strategy: MatchStrategy
    /// The lines to put in place of the window.
    var lines: [String]
  }

  /// The result of looking for a block.
  enum Located: Equatable {
    case found(Placement)
    /// No strategy found the quoted lines.
    case missing
    /// `strategy` found the quoted lines at several 0-based starts.
    case ambiguous(MatchStrategy, starts: [Int])
  }

  /// How a window matched: the indentation to add, the indentation dropped from the quote, and the
  /// fancy punctuation the model used where the file has plain ASCII.
  struct Shape {
    var prefix: Substring = ""
    var dedent = 0
    var fancy: Set<Unicode.Scalar> = []
  }

  /// Looks for `search` in `file` and builds the replacement window.
  ///
  /// - Parameters:
  ///   - search: The quoted lines (not empty).
  ///   - replacement: The lines the model wants instead.
  ///   - file: The file's current lines.
  ///   - anchor: A line the quote must come after (a patch envelope's `@@` context), or `nil`.
  func locate(
    search: [Substring], replacement: [Substring], in file: [Substring], anchor: String? = nil
  ) -> Located {
    let variants = Self.variants(search: search, replacement: replacement)
    // The loose keys of every file line cost a pass over the file: made only when needed.
    var cachedKeys: [String]?
    func fileKeys() -> [String] {
      if let cachedKeys { return cachedKeys }
      let made = file.map(Self.key)
      cachedKeys = made
      return made
    }
    for strategy in MatchStrategy.allCases {
      for (quote, lines) in variants {
        let windows = self.windows(strategy, quote: quote, file: file, keys: fileKeys)
        guard !windows.isEmpty else { continue }
        let keys = (windows.count > 1 && anchor != nil) || strategy == .fuzzy ? fileKeys() : []
        guard
          let chosen = Self.choose(windows.map(\.start), anchor: anchor, file: file, keys: keys),
          let window = windows.first(where: { $0.start == chosen })
        else { return .ambiguous(strategy, starts: windows.map(\.start)) }
        if strategy == .fuzzy
          && Self.keepsMisquotedLine(quote: quote, replacement: lines, at: chosen, keys: keys)
        {
          return .missing
        }
        let built = Self.build(
          replacement: lines, quote: quote, window: window.start, shape: window.shape, file: file)
        return .found(
          Placement(start: chosen, count: quote.count, strategy: strategy, lines: built))
      }
    }
    return .missing
  }

  /// Whether a fuzzy window would keep a quoted line that differs from the file's line in more
  /// than spacing and punctuation: then the model either misquoted a line it meant to keep or
  /// quoted a line already changed, and which one it meant cannot be told, so the match is refused.
  static func keepsMisquotedLine(
    quote: [Substring], replacement: [Substring], at start: Int, keys: [String]
  ) -> Bool {
    let kept = alignment(quote, replacement)
    return kept.contains { index in
      guard let j = index else { return false }
      return key(quote[j]) != keys[start + j]
    }
  }

  /// The quote as written, and, if it has blank lines at its ends, without them (models add
  /// spurious blank lines); a replacement loses as many blank end lines as the quote did, at most.
  static func variants(search: [Substring], replacement: [Substring]) -> [(
    [Substring], [Substring]
  )] {
    let leading = search.prefix(while: \.isBlank).count
    let trailing = search.reversed().prefix(while: \.isBlank).count
    guard leading + trailing > 0, leading + trailing < search.count else {
      return [(search, replacement)]
    }
    let trimmedSearch = Array(search.dropFirst(leading).dropLast(trailing))
    let dropFront = min(leading, replacement.prefix(while: \.isBlank).count)
    let dropBack = min(
      trailing, replacement.dropFirst(dropFront).reversed().prefix(while: \.isBlank).count)
    let trimmedReplacement = Array(replacement.dropFirst(dropFront).dropLast(dropBack))
    return [(search, replacement), (trimmedSearch, trimmedReplacement)]
  }

  /// The start to use among several windows: the only one, or with an anchor found once in the
  /// file, the first window after it; `nil` when that leaves the choice open.
  static func choose(_ starts: [Int], anchor: String?, file: [Substring], keys: [String]) -> Int? {
    if starts.count == 1 { return starts[0] }
    guard let anchor else { return nil }
    let anchorKey = key(Substring(anchor))
    let anchors = keys.indices.filter { keys[$0] == anchorKey }
    guard anchors.count == 1 else { return nil }
    return starts.first(where: { $0 > anchors[0] })
  }

  /// A line reduced for loose comparison: plain punctuation, trimmed, inner runs of blanks as one.
  static func key(_ line: Substring) -> String {
    let plain = Punctuation.normalized(line)
    var result = ""
    var pendingSpace = false
    for character in plain.trimmed {
      if character.isWhitespace {
        pendingSpace = true
        continue
      }
      if pendingSpace && !result.isEmpty { result.append(" ") }
      pendingSpace = false
      result.append(character)
    }
    return result
  }
}
