extension Matcher {
  /// Every window of `file` where `quote` matches under `strategy`, with how it matched.
  func windows(
    _ strategy: MatchStrategy, quote: [Substring], file: [Substring], keys: () -> [String]
  ) -> [(start: Int, shape: Shape)] {
    guard !quote.isEmpty, quote.count <= file.count else { return [] }
    let starts = 0...(file.count - quote.count)
    switch strategy {
    case .exact:
      return starts.filter { start in quote.indices.allSatisfy { file[start + $0] == quote[$0] } }
        .map { ($0, Shape()) }
    case .trailingWhitespace:
      let quoted = quote.map(\.trailingTrimmed)
      return starts.filter { start in
        quote.indices.allSatisfy { file[start + $0].trailingTrimmed == quoted[$0] }
      }.map { ($0, Shape()) }
    case .indentation, .punctuation:
      let plain = strategy == .punctuation
      let dedent = quote.filter { !$0.isBlank }.map { $0.indentation.count }.min() ?? 0
      let quoted = quote.map { line -> String in
        let body = line.dropFirst(min(dedent, line.indentation.count)).trailingTrimmed
        return plain ? Punctuation.normalized(body) : String(body)
      }
      guard let anchor = quoted.firstIndex(where: { !$0.isEmpty }) else { return [] }
      let bodies = file.map { line -> Substring in
        plain ? Substring(Punctuation.normalized(line.trailingTrimmed)) : line.trailingTrimmed
      }
      var found: [(Int, Shape)] = []
      for start in starts where bodies[start + anchor].hasSuffix(quoted[anchor]) {
        guard var shape = Self.offset(quoted, at: start, in: bodies) else { continue }
        shape.dedent = dedent
        if plain { shape.fancy = Self.fancy(in: quote, unlike: file[start..<start + quote.count]) }
        found.append((start, shape))
      }
      return found
    case .fuzzy:
      return fuzzyWindows(quote: quote, file: file, keys: keys())
    }
  }

  /// The single indentation prefix that turns each dedented quoted line into the file's line at
  /// `start`, or `nil` when the lines differ otherwise or the offsets disagree.
  private static func offset(_ quoted: [String], at start: Int, in bodies: [Substring]) -> Shape? {
    var prefix: Substring?
    for (j, line) in quoted.enumerated() {
      let text = bodies[start + j]
      if line.isEmpty {
        guard text.isEmpty else { return nil }
        continue
      }
      guard text.hasSuffix(line) else { return nil }
      let head = text.dropLast(line.count)
      guard head.allSatisfy({ $0 == " " || $0 == "\t" }) else { return nil }
      if let prefix, prefix != head { return nil }
      prefix = head
    }
    guard let prefix else { return nil }
    return Shape(prefix: prefix)
  }

  /// The fancy punctuation in `quote` that the matched file lines do not contain.
  static func fancy(in quote: [Substring], unlike window: ArraySlice<Substring>) -> Set<
    Unicode.Scalar
  > {
    var quoted = Set<Unicode.Scalar>()
    for line in quote {
      for scalar in line.unicodeScalars where Punctuation.isFancy(scalar) { quoted.insert(scalar) }
    }
    guard !quoted.isEmpty else { return [] }
    for line in window { for scalar in line.unicodeScalars { quoted.remove(scalar) } }
    return quoted
  }

  /// Windows as long as the quote whose first and last non-blank lines equal the quote's (loosely)
  /// and whose lines are similar enough on average.
  private func fuzzyWindows(quote: [Substring], file: [Substring], keys: [String])
    -> [(start: Int, shape: Shape)]
  {
    guard let first = quote.firstIndex(where: { !$0.isBlank }),
      let last = quote.lastIndex(where: { !$0.isBlank }),
      quote.count >= fuzzyMinimumLines, last > first
    else { return [] }
    let quoteKeys = quote.map(Self.key)
    var found: [(Int, Shape)] = []
    for start in 0...(file.count - quote.count)
    where keys[start + first] == quoteKeys[first] && keys[start + last] == quoteKeys[last] {
      var total = 0.0
      for j in quote.indices { total += Self.similarity(quoteKeys[j], keys[start + j]) }
      guard total / Double(quote.count) >= fuzzyThreshold else { continue }
      let shape = Shape(
        prefix: file[start + first].indentation, dedent: quote[first].indentation.count,
        fancy: Self.fancy(in: quote, unlike: file[start..<start + quote.count]))
      found.append((start, shape))
    }
    return found
  }

  /// The similarity of two lines: twice their longest common subsequence of characters over their
  /// total length (1 for equal lines, including two empty ones).
  static func similarity(_ a: String, _ b: String) -> Double {
    if a == b { return 1 }
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    guard !x.isEmpty, !y.isEmpty else { return 0 }
    var previous = [Int](repeating: 0, count: y.count + 1)
    var current = previous
    for i in 1...x.count {
      for j in 1...y.count {
        current[j] = x[i - 1] == y[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
      }
      swap(&previous, &current)
    }
    return 2 * Double(previous[y.count]) / Double(x.count + y.count)
  }
}
