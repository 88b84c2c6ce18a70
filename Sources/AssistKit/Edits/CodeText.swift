/// Source text with comments and string contents blanked out (newlines kept, so line numbers
/// still match), for a tokenizer that must not read names inside them.
enum CodeText {
  /// The lines of `text` as code only.
  static func lines(of text: String, language: SourceLanguage) -> [String] {
    var output = String.UnicodeScalarView()
    let scalars = Array(text.unicodeScalars)
    var i = 0
    func blank(_ scalar: Unicode.Scalar) { output.append(scalar == "\n" ? "\n" : " ") }
    func starts(_ token: String, at index: Int) -> Bool {
      var k = index
      for scalar in token.unicodeScalars {
        guard k < scalars.count, scalars[k] == scalar else { return false }
        k += 1
      }
      return true
    }
    while i < scalars.count {
      let scalar = scalars[i]
      if language.hashComments ? scalar == "#" : starts("//", at: i) {
        while i < scalars.count && scalars[i] != "\n" {
          blank(scalars[i])
          i += 1
        }
      } else if !language.hashComments && starts("/*", at: i) {
        var k = i + 2
        while k < scalars.count && !starts("*/", at: k) { k += 1 }
        k = min(scalars.count, k + 2)
        for index in i..<k { blank(scalars[index]) }
        i = k
      } else if let quote = stringOpener(scalars, i, language) {
        output.append(contentsOf: quote.unicodeScalars)
        var k = i + quote.unicodeScalars.count
        while k < scalars.count && !starts(quote, at: k) {
          if quote.count == 1 && scalars[k] == "\n" && quote != "`" { break }
          if scalars[k] == "\\" && quote != "`" && k + 1 < scalars.count {
            blank(scalars[k])
            k += 1
          }
          blank(scalars[k])
          k += 1
        }
        if k < scalars.count && starts(quote, at: k) {
          output.append(contentsOf: quote.unicodeScalars)
          k += quote.unicodeScalars.count
        }
        i = k
      } else {
        output.append(scalar)
        i += 1
      }
    }
    return String(output).editLines.map(String.init)
  }

  /// The string delimiter opening at `i`, if any (triple quotes first).
  private static func stringOpener(
    _ scalars: [Unicode.Scalar], _ i: Int, _ language: SourceLanguage
  )
    -> String?
  {
    let scalar = scalars[i]
    guard scalar == "\"" || scalar == "'" || scalar == "`" else { return nil }
    if scalar == "`" && (language == .javascript || language == .go) { return "`" }
    if scalar == "`" { return nil }
    if scalar == "'" && language == .swift { return nil }
    let triple = i + 2 < scalars.count && scalars[i + 1] == scalar && scalars[i + 2] == scalar
    if triple && (language == .python || language == .swift) {
      return String(repeating: String(scalar), count: 3)
    }
    return String(scalar)
  }
}
