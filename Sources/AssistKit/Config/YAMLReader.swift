/// Reads typed fields out of a ``YAMLValue`` mapping, rejecting unknown keys with a suggestion.
///
/// Every accessor records the key as known; ``finish()`` then reports any key nobody asked for,
/// which is how a typo like `contex_window` becomes "unknown key, did you mean context_window?".
package struct YAMLReader {
  private let entries: [YAMLEntry]
  private let file: String
  private let line: Int
  private let context: String
  private var known: Set<String> = []

  /// Wraps a mapping value.
  /// - Parameters:
  ///   - value: Must be a mapping.
  ///   - file: The file, for errors.
  ///   - context: What the mapping is ("tier local-small"), for errors.
  /// - Throws: ``ConfigError`` when `value` is not a mapping.
  package init(_ value: YAMLValue, file: String, context: String) throws {
    guard case .mapping(let entries, let line) = value else {
      throw ConfigError(file: file, line: value.line, message: "\(context) must be a mapping")
    }
    var seen: Set<String> = []
    for entry in entries where !seen.insert(entry.key).inserted {
      throw ConfigError(
        file: file, line: entry.keyLine, message: "duplicate key '\(entry.key)' in \(context)")
    }
    self.entries = entries
    self.file = file
    self.line = line
    self.context = context
  }

  /// The raw value of `key`, if present and not null.
  package mutating func value(_ key: String) -> YAMLValue? {
    known.insert(key)
    guard let value = entries.first(where: { $0.key == key })?.value else { return nil }
    if case .null = value { return nil }
    return value
  }

  /// A string field.
  package mutating func string(_ key: String) throws -> String? {
    guard let value = value(key) else { return nil }
    guard case .scalar(let text, _) = value else { throw typeError(key, value, "a string") }
    return text
  }

  /// A required string field.
  package mutating func requiredString(_ key: String) throws -> String {
    guard let text = try string(key) else {
      throw ConfigError(file: file, line: line, message: "\(context) needs '\(key)'")
    }
    return text
  }

  /// An integer field.
  package mutating func int(_ key: String) throws -> Int? {
    guard let value = value(key) else { return nil }
    guard case .scalar(let text, _) = value, let number = Int(text.replacingUnderscores) else {
      throw typeError(key, value, "a whole number")
    }
    return number
  }

  /// A number field.
  package mutating func double(_ key: String) throws -> Double? {
    guard let value = value(key) else { return nil }
    guard case .scalar(let text, _) = value, let number = Double(text.replacingUnderscores),
      number.isFinite
    else { throw typeError(key, value, "a number") }
    return number
  }

  /// A boolean field.
  package mutating func bool(_ key: String) throws -> Bool? {
    guard let value = value(key) else { return nil }
    guard case .scalar(let text, _) = value else { throw typeError(key, value, "true or false") }
    switch text.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: throw typeError(key, value, "true or false")
    }
  }

  /// A list of strings; a single string is accepted as a one-element list.
  package mutating func strings(_ key: String) throws -> [String]? {
    guard let value = value(key) else { return nil }
    switch value {
    case .scalar(let text, _): return [text]
    case .sequence(let items, _):
      return try items.map { item in
        guard case .scalar(let text, _) = item else {
          throw typeError(key, item, "a list of strings")
        }
        return text
      }
    default: throw typeError(key, value, "a list of strings")
    }
  }

  /// The line of `key`, or of the mapping when absent.
  package func line(of key: String) -> Int {
    entries.first { $0.key == key }?.keyLine ?? line
  }

  /// An error about `key` at its line.
  package func error(_ key: String, _ message: String) -> ConfigError {
    ConfigError(file: file, line: line(of: key), message: message)
  }

  /// Rejects keys that no accessor asked for.
  /// - Throws: ``ConfigError`` naming the first unknown key and the closest known one.
  package func finish() throws {
    for entry in entries where !known.contains(entry.key) {
      var message = "unknown key '\(entry.key)' in \(context)"
      if let guess = known.min(by: {
        editDistance($0, entry.key) < editDistance($1, entry.key)
      }), editDistance(guess, entry.key) <= max(2, entry.key.count / 3) {
        message += "; did you mean '\(guess)'?"
      } else {
        message += " (known: \(known.sorted().joined(separator: ", ")))"
      }
      throw ConfigError(file: file, line: entry.keyLine, message: message)
    }
  }

  private func typeError(_ key: String, _ value: YAMLValue, _ expected: String) -> ConfigError {
    ConfigError(file: file, line: value.line, message: "'\(key)' in \(context) must be \(expected)")
  }
}

/// Levenshtein distance, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  var previous = Array(0...b.count)
  for i in 1...max(a.count, 1) where !a.isEmpty {
    var current = [i] + Array(repeating: 0, count: b.count)
    for j in 1...max(b.count, 1) where !b.isEmpty {
      current[j] = min(
        previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return a.isEmpty ? b.count : previous[b.count]
}

extension String {
  fileprivate var replacingUnderscores: String { filter { $0 != "_" } }
}
