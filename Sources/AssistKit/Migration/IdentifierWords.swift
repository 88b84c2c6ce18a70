internal import Foundation

/// Whole-identifier occurrences in text: the word search under site finding and leftover scans.
package enum IdentifierWords {
  /// Whether `character` can be part of an identifier (Python, JavaScript, Swift, C).
  package static func isWordCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || character == "_" || character == "$"
  }

  /// Whether `name` joins several words (`get_real_name`, `getRealName`), not one (`get`).
  package static func isCompound(_ name: String) -> Bool {
    let core = name.drop { $0 == "_" }
    let snake = core.split(separator: "_").count > 1
    let camel = core.dropFirst().contains { $0.isUppercase } && core.contains { $0.isLowercase }
    return snake || camel
  }

  /// Whether `text` is a plain identifier (`batched_list`, not `a.b` or `f(x)`).
  package static func isIdentifier(_ text: String) -> Bool {
    guard let first = text.first, first.isLetter || first == "_" else { return false }
    return text.allSatisfy { isWordCharacter($0) && $0 != "$" }
  }

  /// The ranges of `name` in `line` as a whole identifier, left to right.
  package static func ranges(of name: String, in line: Substring) -> [Range<Substring.Index>] {
    guard !name.isEmpty else { return [] }
    var found: [Range<Substring.Index>] = []
    var start = line.startIndex
    while let range = line[start...].range(of: name) {
      let before =
        range.lowerBound > line.startIndex ? line[line.index(before: range.lowerBound)] : nil
      let after = range.upperBound < line.endIndex ? line[range.upperBound] : nil
      if !(before.map(isWordCharacter) ?? false) && !(after.map(isWordCharacter) ?? false) {
        found.append(range)
      }
      start = range.upperBound
    }
    return found
  }

  /// The 1-based numbers of the lines of `text` that contain `name` as a whole identifier.
  package static func lines(containing name: String, in text: String) -> [Int] {
    guard text.contains(name) else { return [] }
    return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      .compactMap { ranges(of: name, in: $0.element).isEmpty ? nil : $0.offset + 1 }
  }

  /// `line` with every whole-identifier `name` replaced by `replacement`.
  package static func replacing(_ name: String, with replacement: String, in line: Substring)
    -> String
  {
    var result = ""
    var cursor = line.startIndex
    for range in ranges(of: name, in: line) {
      result += line[cursor..<range.lowerBound] + replacement
      cursor = range.upperBound
    }
    return result + line[cursor...]
  }

  /// Every identifier in `text`, with how many times it occurs.
  package static func counts(in text: String) -> [String: Int] {
    var counts: [String: Int] = [:]
    var current = ""
    for character in text {
      if isWordCharacter(character) {
        current.append(character)
      } else if !current.isEmpty {
        if current.first.map({ !$0.isNumber }) ?? false { counts[current, default: 0] += 1 }
        current = ""
      }
    }
    if !current.isEmpty, current.first.map({ !$0.isNumber }) ?? false {
      counts[current, default: 0] += 1
    }
    return counts
  }
}
