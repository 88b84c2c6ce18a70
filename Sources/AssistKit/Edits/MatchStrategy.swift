/// How loosely the ``Matcher`` compared a block's quoted lines with the file, tightest first.
package enum MatchStrategy: String, Sendable, Codable, CaseIterable, Comparable {
  /// Byte-for-byte equal lines.
  case exact
  /// Equal but for trailing whitespace.
  case trailingWhitespace = "trailing-whitespace"
  /// Equal but for a common indentation offset (the replacement is re-indented by it).
  case indentation
  /// Equal once curly quotes, dashes and unusual spaces are made plain (and indentation offset).
  case punctuation
  /// Same first and last lines, and the lines between similar enough, line for line.
  case fuzzy

  package static func < (lhs: MatchStrategy, rhs: MatchStrategy) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }
}

/// The Unicode punctuation small models substitute for ASCII when they quote code.
enum Punctuation {
  /// `text` with curly quotes, primes, dashes, ellipses and unusual spaces made ASCII.
  static func normalized(_ text: Substring) -> String {
    guard text.unicodeScalars.contains(where: { $0.value > 0x7F }) else { return String(text) }
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      if let plain = replacements[scalar] {
        result += plain
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Whether `scalar` is one of the characters ``normalized(_:)`` replaces.
  static func isFancy(_ scalar: Unicode.Scalar) -> Bool { replacements[scalar] != nil }

  /// Replaces, in `text`, only the fancy characters listed in `characters`.
  static func normalizing(_ characters: Set<Unicode.Scalar>, in text: String) -> String {
    guard !characters.isEmpty else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
      if characters.contains(scalar), let plain = replacements[scalar] {
        result += plain
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  private static let replacements: [Unicode.Scalar: String] = {
    var map: [Unicode.Scalar: String] = [:]
    for scalar in "\u{2018}\u{2019}\u{201A}\u{201B}\u{2032}\u{FF07}".unicodeScalars {
      map[scalar] = "'"
    }
    for scalar in "\u{201C}\u{201D}\u{201E}\u{201F}\u{2033}\u{FF02}".unicodeScalars {
      map[scalar] = "\""
    }
    for scalar in "\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2015}\u{2212}".unicodeScalars {
      map[scalar] = "-"
    }
    for scalar in "\u{00A0}\u{2002}\u{2003}\u{2007}\u{2009}\u{200A}\u{202F}\u{3000}".unicodeScalars
    {
      map[scalar] = " "
    }
    map["\u{2026}"] = "..."
    map["\u{200B}"] = ""
    map["\u{FEFF}"] = ""
    return map
  }()
}
