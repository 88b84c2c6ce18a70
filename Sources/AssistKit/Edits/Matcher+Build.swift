extension Matcher {
  /// The lines that replace the window at `start`: a replacement line that repeats a quoted line
  /// (by longest common subsequence) keeps the file's text for that line; every other line is
  /// re-indented by the window's offset and has the model's stray fancy punctuation made plain.
  static func build(
    replacement: [Substring], quote: [Substring], window start: Int, shape: Shape,
    file: [Substring]
  ) -> [String] {
    let kept = alignment(quote, replacement)
    let crlf = file[start..<start + quote.count].contains(where: { $0.hasSuffix("\r") })
    return replacement.indices.map { k in
      if let j = kept[k] { return String(file[start + j]) }
      var line = reindent(replacement[k], shape: shape)
      line = Punctuation.normalizing(shape.fancy, in: line)
      if crlf && !line.hasSuffix("\r") { line += "\r" }
      return line
    }
  }

  /// `line` moved from the quote's indentation to the file's.
  private static func reindent(_ line: Substring, shape: Shape) -> String {
    // Blank lines are written as the model wrote them: only lines with content are shifted.
    guard !line.isBlank, shape.dedent > 0 || !shape.prefix.isEmpty else { return String(line) }
    let indent = line.indentation.count
    if indent >= shape.dedent { return String(shape.prefix + line.dropFirst(shape.dedent)) }
    let kept = shape.prefix.dropLast(min(shape.dedent - indent, shape.prefix.count))
    return String(kept + line.dropFirst(indent))
  }

  /// For each replacement line, the index of the quoted line it repeats in a longest common
  /// subsequence of the two, or `nil` for a new line.
  static func alignment(_ quote: [Substring], _ replacement: [Substring]) -> [Int?] {
    let n = quote.count
    let m = replacement.count
    var result = [Int?](repeating: nil, count: m)
    guard n > 0, m > 0 else { return result }
    var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        table[i][j] =
          quote[i] == replacement[j]
          ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    var i = 0
    var j = 0
    while i < n && j < m {
      if quote[i] == replacement[j] {
        result[j] = i
        i += 1
        j += 1
      } else if table[i + 1][j] >= table[i][j + 1] {
        i += 1
      } else {
        j += 1
      }
    }
    return result
  }
}
