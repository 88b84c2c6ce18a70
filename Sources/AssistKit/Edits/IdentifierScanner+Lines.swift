extension IdentifierScanner {
  /// Classifies the tokens of one ordinary code line.
  mutating func scan(_ line: String, tokens: [Token], index: Int) {
    let trimmed = line.trimmed
    // A definition line (def/func/function/class … before any call or assignment): all its names
    // are being defined, none referenced.
    let firstStop = line.firstIndex(where: { $0 == "(" || $0 == "=" || $0 == "{" }) ?? line.endIndex
    if tokens.contains(where: { $0.start < firstStop && Self.definingHeads.contains($0.text) }) {
      for token in tokens { definitions.insert(token.text) }
      return
    }
    // A JS/TS class method: `name(params) {`.
    if language == .javascript, let first = tokens.first, trimmed.hasPrefix(first.text),
      Self.next(after: first, in: line) == "(", trimmed.hasSuffix("{")
    {
      for token in tokens { definitions.insert(token.text) }
      return
    }
    // Assignment targets (`a, b = …`, `self.x = …`, `x := …`) and loop variables are defined.
    if let assignment = Self.assignmentOperator(in: line) {
      for token in tokens where token.start < assignment { definitions.insert(token.text) }
    }
    var defineNext = false
    var inLoopHead = false
    for (position, token) in tokens.enumerated() {
      if language.definingKeywords.contains(token.text) {
        defineNext = true
        if token.text == "for" { inLoopHead = true }
        continue
      }
      if token.text == "in" || token.text == "of" { inLoopHead = false }
      if defineNext || inLoopHead {
        definitions.insert(token.text)
        defineNext = false
        continue
      }
      if language.knownNames.contains(token.text) { continue }
      let previous = Self.previous(before: token, in: line)
      let next = Self.next(after: token, in: line)
      if previous == "." {
        if position > 0, tokens[position - 1].end == line.index(before: token.start),
          externalModules.contains(tokens[position - 1].text)
        {
          continue
        }
        references.append(Reference(name: token.text, kind: .attribute, line: index))
      } else if next == "(" {
        references.append(Reference(name: token.text, kind: .call, line: index))
      }
    }
  }

  private static let definingHeads: Set<String> = [
    "def", "class", "func", "function", "struct", "enum", "protocol", "interface", "extension",
    "typealias", "actor", "init",
  ]

  /// The non-space character before `token` on its line.
  static func previous(before token: Token, in line: String) -> Character? {
    line[..<token.start].last(where: { $0 != " " && $0 != "\t" })
  }

  /// The non-space character after `token` on its line.
  static func next(after token: Token, in line: String) -> Character? {
    line[token.end...].first(where: { $0 != " " && $0 != "\t" })
  }

  /// Where a plain assignment (`=`, `:=`, `+=`…, not `==`, `<=`, `=>`) happens, outside brackets.
  static func assignmentOperator(in line: String) -> String.Index? {
    var depth = 0
    var index = line.startIndex
    while index < line.endIndex {
      let character = line[index]
      if "([{".contains(character) { depth += 1 }
      if ")]}".contains(character) { depth -= 1 }
      if character == "=" && depth == 0 {
        let after = line.index(after: index)
        let next = after < line.endIndex ? line[after] : " "
        let before = index > line.startIndex ? line[line.index(before: index)] : " "
        if next != "=" && next != ">" && !"=!<>".contains(before) { return index }
        if next == "=" { index = line.index(after: after) } else { index = after }
        continue
      }
      index = line.index(after: index)
    }
    return nil
  }
}
