/// Small whitespace helpers the parsers and the matcher share (no Foundation needed).
extension StringProtocol where SubSequence == Substring {
  /// The text without leading and trailing whitespace (Unicode whitespace, as Python's `strip`).
  var trimmed: Substring {
    guard let start = firstIndex(where: { !$0.isWhitespace }),
      let end = lastIndex(where: { !$0.isWhitespace })
    else { return self[endIndex...] }
    return self[start...end]
  }

  /// The text without trailing whitespace.
  var trailingTrimmed: Substring {
    guard let end = lastIndex(where: { !$0.isWhitespace }) else {
      return self[startIndex..<startIndex]
    }
    return self[...end]
  }

  /// The text without leading whitespace.
  var leadingTrimmed: Substring {
    self[(firstIndex(where: { !$0.isWhitespace }) ?? endIndex)...]
  }

  /// The leading run of spaces and tabs.
  var indentation: Substring {
    self[..<(firstIndex(where: { $0 != " " && $0 != "\t" }) ?? endIndex)]
  }

  /// Whether the text is empty or whitespace only.
  var isBlank: Bool { allSatisfy(\.isWhitespace) }
}

extension String {
  /// The text split into lines at `\n`, without the separators.
  ///
  /// A final newline does not produce an empty last line: `"a\nb\n"` gives `["a", "b"]`.
  /// Splits on the `\n` scalar, so a `\r\n` pair (one `Character`) ends a line too; the `\r` stays.
  var editLines: [Substring] {
    var lines = unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      Substring($0)
    }
    if lines.last?.isEmpty == true { lines.removeLast() }
    return lines
  }
}
