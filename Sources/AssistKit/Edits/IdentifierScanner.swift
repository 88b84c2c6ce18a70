/// Reads the names a piece of code references (calls, attribute accesses, imports) and the names it
/// defines, line by line, with a language-agnostic tokenizer and per-language keyword lists.
struct IdentifierScanner {
  /// A name the code uses.
  struct Reference: Equatable {
    var name: String
    var kind: IdentifierSuspect.Kind
    /// 0-based line.
    var line: Int
  }

  let language: SourceLanguage
  /// Referenced names per line.
  var references: [Reference] = []
  /// Names the code defines (functions, types, variables, parameters, import bindings).
  var definitions: Set<String> = []
  /// Import bindings whose module lives outside the repository: their members are not checked.
  var externalModules: Set<String> = []

  /// Scans `text`; `isModule` says whether a module name is one of the repository's own.
  init(text: String, language: SourceLanguage, isModule: (String) -> Bool) {
    self.language = language
    let raw = text.editLines
    let code = CodeText.lines(of: text, language: language)
    var inGoImportBlock = false
    for (index, line) in code.enumerated() {
      let rawLine = index < raw.count ? raw[index] : Substring(line)
      let tokens = Self.tokens(line)
      if language == .go && line.trimmed.hasPrefix("import (") { inGoImportBlock = true }
      if inGoImportBlock || (language == .go && tokens.first?.text == "import") {
        if line.trimmed == ")" { inGoImportBlock = false }
        goImport(rawLine, line: index, isModule: isModule)
        continue
      }
      if let first = tokens.first?.text, first == "import" || first == "from" || first == "export",
        importLine(rawLine, tokens: tokens, line: index, isModule: isModule)
      {
        continue
      }
      scan(line, tokens: tokens, index: index)
    }
  }

  struct Token {
    var text: String
    var start: String.Index
    var end: String.Index
  }

  /// The identifier tokens of a code line (a token starting with a digit is a number, skipped).
  static func tokens(_ line: String) -> [Token] {
    var result: [Token] = []
    var index = line.startIndex
    while index < line.endIndex {
      let character = line[index]
      guard character.isLetter || character == "_" || character == "$" || character.isNumber else {
        index = line.index(after: index)
        continue
      }
      let start = index
      while index < line.endIndex,
        line[index].isLetter || line[index].isNumber || line[index] == "_" || line[index] == "$"
      {
        index = line.index(after: index)
      }
      if !character.isNumber {
        result.append(Token(text: String(line[start..<index]), start: start, end: index))
      }
    }
    return result
  }

  /// The identifier tokens of any text (every name that appears, in code, strings or comments).
  static func names(in text: String) -> Set<String> {
    var names = Set<String>()
    var current = ""
    for scalar in text.unicodeScalars {
      if scalar.properties.isAlphabetic || scalar == "_" || scalar == "$"
        || ("0"..."9").contains(scalar)
      {
        current.unicodeScalars.append(scalar)
      } else if !current.isEmpty {
        names.insert(current)
        current = ""
      }
    }
    if !current.isEmpty { names.insert(current) }
    return names
  }
}
