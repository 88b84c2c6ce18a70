/// Makes the single-token mutants of one function, best first.
///
/// Most small bugs are one token off: a comparison, a bound, a boolean, a name (the QuixBugs and
/// HumanEvalFix bug classes). Each mutant changes one token of code (never inside a string or a
/// comment), so the repository's tests can try dozens in the time one model call takes. Order:
/// lines the failing test points at (and their neighbours) first, then by ``Mutant/Kind``, then
/// top to bottom.
package struct MutantGenerator: Sendable {
  /// The file's language (comments, strings, keywords).
  package var language: SourceLanguage

  /// Creates a generator for `language`.
  package init(language: SourceLanguage) { self.language = language }

  /// The mutants of lines `lines` (0-based, end exclusive) of `content`, best first, without
  /// duplicates.
  /// - Parameters:
  ///   - evidence: 0-based lines a failing test's traceback names; their neighbours go first.
  ///   - skipFirst: Lines at the start of the range left alone (the signature).
  package func mutants(
    of content: String, lines: Range<Int>, evidence: Set<Int> = [], skipFirst: Int = 1
  ) -> [Mutant] {
    let raw = content.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let code = CodeText.lines(of: content, language: language)
    let range = lines.clamped(to: 0..<min(raw.count, code.count))
    guard range.count > skipFirst else { return [] }
    let body = (range.lowerBound + skipFirst)..<range.upperBound
    let locals = localNames(code: code, range: range)
    let fields = fieldNames(code: code, range: range)
    var found: [Mutant] = []
    for index in body where !code[index].allSatisfy(\.isWhitespace) {
      found += lineMutants(
        raw: raw[index], code: code[index], line: index, locals: locals, fields: fields)
      if let deletion = deletion(raw: raw, code: code, at: index, body: body) {
        found.append(deletion)
      }
    }
    func near(_ line: Int) -> Bool { evidence.contains { abs($0 - line) <= 1 } }
    let rank = Dictionary(uniqueKeysWithValues: Mutant.Kind.allCases.enumerated().map { ($1, $0) })
    let ordered = found.enumerated().sorted { a, b in
      let (x, y) = (a.element, b.element)
      if near(x.line) != near(y.line) { return near(x.line) }
      let (kx, ky) = (rank[x.kind] ?? 0, rank[y.kind] ?? 0)
      if kx != ky { return kx < ky }
      return a.offset < b.offset
    }.map(\.element)
    var seen = Set<String>()
    return ordered.filter { seen.insert("\($0.line)\u{0}\($0.after ?? "\u{1}")").inserted }
  }

  // MARK: - Per line

  private func lineMutants(
    raw: String, code: String, line: Int, locals: Set<String>, fields: Set<String>
  ) -> [Mutant] {
    let rawScalars = Array(raw.unicodeScalars)
    let tokens = Token.scan(code)
    var result: [Mutant] = []
    func replace(_ token: Token, with text: String, _ kind: Mutant.Kind) {
      guard token.end <= rawScalars.count else { return }
      var scalars = rawScalars
      scalars.replaceSubrange(token.start..<token.end, with: text.unicodeScalars)
      var after = String.UnicodeScalarView()
      after.append(contentsOf: scalars)
      result.append(Mutant(kind: kind, line: line, before: raw, after: String(after)))
    }
    for (position, token) in tokens.enumerated() {
      let previous = position > 0 ? tokens[position - 1] : nil
      let next = position + 1 < tokens.count ? tokens[position + 1] : nil
      switch token.kind {
      case .symbol:
        for swap in MutationTable.comparisons[token.text] ?? [] {
          replace(token, with: swap, .comparison)
        }
        for swap in MutationTable.logicSymbols[token.text] ?? [] where language != .python {
          replace(token, with: swap, .logic)
        }
        // A binary operator only: after a name, a number or a closing bracket.
        if let previous, previous.kind != .symbol || [")", "]"].contains(previous.text) {
          for swap in MutationTable.arithmetic(language)[token.text] ?? [] {
            replace(token, with: swap, .arithmetic)
          }
        }
        if [")", "]"].contains(token.text), let next, [")", "]", ",", ":"].contains(next.text) {
          offByOne(after: token)
        }
      case .number:
        guard let value = Int(token.text) else { continue }
        for other in [value + 1, value - 1] where other >= 0 {
          replace(token, with: String(other), .constant)
        }
        if let next, [")", "]", ",", ":"].contains(next.text) { offByOne(after: token) }
      case .name:
        if let swaps = MutationTable.logicWords(language)[token.text] {
          for swap in swaps { replace(token, with: swap, .logic) }
          continue
        }
        if let swaps = MutationTable.calls[token.text], next?.text == "(" {
          for swap in swaps { replace(token, with: swap, .call) }
          continue
        }
        if previous?.text == ".", fields.contains(token.text) {
          // `node.outgoing` for `node.incoming`: another field the function reads.
          for other in fields.sorted() where other != token.text {
            replace(token, with: other, .variable)
          }
          continue
        }
        guard locals.contains(token.text), previous?.text != "." else { continue }
        if let next, [")", "]", ",", ":"].contains(next.text) { offByOne(after: token) }
        // A name being bound (`x = …`, `for x in`) is rarely the slip; the names read are.
        let bound =
          ["=", "+=", "-=", "*=", "/="].contains(next?.text ?? "") || previous?.text == "for"
        for other in locals.sorted() where other != token.text && !bound {
          replace(token, with: other, .variable)
        }
      }
    }
    for swap in argumentSwaps(tokens) {
      replace(swap.span, with: swap.text, .arguments)
    }
    return result

    func offByOne(after token: Token) {
      // Only inside brackets: an index, a slice bound or an argument.
      let depth = tokens.prefix { $0.start < token.start }.reduce(0) { depth, t in
        depth + (["(", "["].contains(t.text) ? 1 : [")", "]"].contains(t.text) ? -1 : 0)
      }
      guard depth > 0 || [")", "]"].contains(token.text) else { return }
      for delta in [" + 1", " - 1"] {
        let end = Token(kind: .symbol, text: "", start: token.end, end: token.end)
        replace(end, with: delta, .offByOne)
      }
    }
  }

  /// `f(a, b)` → `f(b, a)` for a call of two simple arguments.
  private func argumentSwaps(_ tokens: [Token]) -> [(span: Token, text: String)] {
    var swaps: [(Token, String)] = []
    for i in tokens.indices where i + 4 < tokens.count && tokens[i].text == "(" {
      let (a, comma, b, close) = (tokens[i + 1], tokens[i + 2], tokens[i + 3], tokens[i + 4])
      guard a.kind != .symbol, comma.text == ",", b.kind != .symbol, close.text == ")",
        a.text != b.text
      else { continue }
      let span = Token(kind: .symbol, text: "", start: a.start, end: b.end)
      swaps.append((span, "\(b.text), \(a.text)"))
    }
    return swaps
  }

  /// The line removed, when its block keeps another statement and it is a plain statement (not
  /// a block opener, not a `return`).
  private func deletion(raw: [String], code: [String], at index: Int, body: Range<Int>)
    -> Mutant?
  {
    let text = code[index].trimmed
    guard !text.hasSuffix(":"), !text.hasSuffix("{"), !text.hasPrefix("}"),
      !text.hasPrefix("return"), !text.hasPrefix("else"), !text.hasPrefix("elif")
    else { return nil }
    let indent = code[index].prefix { $0 == " " || $0 == "\t" }.count
    func sibling(_ step: Int) -> Bool {
      var k = index + step
      while body.contains(k) {
        let line = code[k]
        if !line.allSatisfy(\.isWhitespace) {
          return line.prefix { $0 == " " || $0 == "\t" }.count == indent
        }
        k += step
      }
      return false
    }
    guard sibling(-1) || sibling(1) else { return nil }
    return Mutant(kind: .deletion, line: index, before: raw[index], after: nil)
  }

  /// The attributes the function reads (`x.name` not followed by a call): the fields one may be
  /// mistaken for another.
  private func fieldNames(code: [String], range: Range<Int>) -> Set<String> {
    var names = Set<String>()
    for index in range {
      let tokens = Token.scan(code[index])
      for (i, token) in tokens.enumerated() where token.kind == .name && i > 0 {
        let next = i + 1 < tokens.count ? tokens[i + 1].text : ""
        if tokens[i - 1].text == ".", next != "(" { names.insert(token.text) }
      }
    }
    return names
  }

  /// The function's own names: its parameters and what it assigns or loops over.
  private func localNames(code: [String], range: Range<Int>) -> Set<String> {
    var names = Set<String>()
    let known = language.knownNames
    for index in range {
      let tokens = Token.scan(code[index])
      let isSignature = index == range.lowerBound
      for (i, token) in tokens.enumerated() where token.kind == .name {
        let next = i + 1 < tokens.count ? tokens[i + 1].text : ""
        let previous = i > 0 ? tokens[i - 1].text : ""
        let assigned = ["=", "+=", "-=", "*=", "/=", ",", "in"].contains(next)
        let loopOrParameter = isSignature ? ["(", ","].contains(previous) : previous == "for"
        if (assigned || loopOrParameter) && previous != "." && !known.contains(token.text) {
          names.insert(token.text)
        }
      }
    }
    return names
  }
}

/// A token of a code line (comments and strings already blanked by ``CodeText``); positions are
/// unicode-scalar offsets, the same in the raw line.
struct Token: Sendable, Equatable {
  enum Kind: Sendable { case name, number, symbol }
  var kind: Kind
  var text: String
  var start: Int
  var end: Int

  /// Operators longest first, so `<=` is one token and not `<` then `=`.
  private static let operators = [
    "===", "!==", "**=", "//=", "<=", ">=", "==", "!=", "//", "**", "+=", "-=", "*=", "/=", "&&",
    "||", "->", "=>", "<<", ">>", "&=", "|=", "^=",
  ]

  static func scan(_ line: String) -> [Token] {
    let scalars = Array(line.unicodeScalars)
    var tokens: [Token] = []
    var i = 0
    func isWord(_ s: Unicode.Scalar) -> Bool {
      s.properties.isAlphabetic || s == "_" || s == "$" || ("0"..."9").contains(s)
    }
    while i < scalars.count {
      let s = scalars[i]
      if s == " " || s == "\t" {
        i += 1
      } else if isWord(s) {
        var k = i
        while k < scalars.count && isWord(scalars[k]) { k += 1 }
        let text = String(String.UnicodeScalarView(scalars[i..<k]))
        let kind: Kind = ("0"..."9").contains(s) ? .number : .name
        tokens.append(Token(kind: kind, text: text, start: i, end: k))
        i = k
      } else {
        let rest = String(String.UnicodeScalarView(scalars[i..<min(scalars.count, i + 3)]))
        let op = operators.first { rest.hasPrefix($0) } ?? String(s)
        let length = op.unicodeScalars.count
        tokens.append(Token(kind: .symbol, text: op, start: i, end: i + length))
        i += length
      }
    }
    return tokens
  }
}
