/// The token swaps ``MutantGenerator`` tries, as data: each key is replaced by each of its values.
/// Operators, not English: these are the single-token slips small bugs are made of.
enum MutationTable {
  static let comparisons: [String: [String]] = [
    "<": ["<=", ">"], "<=": ["<", ">="], ">": [">=", "<"], ">=": [">", "<="],
    "==": ["!="], "!=": ["=="], "===": ["!=="], "!==": ["==="],
  ]

  /// `&&` and `||` of C-like languages (Python spells them as words).
  static let logicSymbols: [String: [String]] = ["&&": ["||"], "||": ["&&"]]

  static func logicWords(_ language: SourceLanguage) -> [String: [String]] {
    switch language {
    case .python:
      ["and": ["or"], "or": ["and"], "True": ["False"], "False": ["True"], "not": [""]]
    case .swift, .javascript, .go: ["true": ["false"], "false": ["true"]]
    }
  }

  static func arithmetic(_ language: SourceLanguage) -> [String: [String]] {
    var table: [String: [String]] = [
      "+": ["-"], "-": ["+"], "*": ["/"], "+=": ["-="], "-=": ["+="],
      "&": ["|", "^"], "|": ["&", "^"], "^": ["&", "|"],
      "&=": ["|=", "^="], "|=": ["&=", "^="], "^=": ["&=", "|="], "<<": [">>"], ">>": ["<<"],
    ]
    if language == .python {
      table["/"] = ["//", "*"]
      table["//"] = ["/"]
    } else {
      table["/"] = ["*"]
    }
    return table
  }

  /// Calls that are easily swapped for their twin.
  static let calls: [String: [String]] = ["min": ["max"], "max": ["min"]]
}
