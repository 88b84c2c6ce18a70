internal import Yams

/// A parsed YAML document as a plain Sendable tree that remembers where each value came from.
///
/// Yams' `Node` is not Sendable and loses nothing we need here, so configs and agent front matter
/// are read into this once and validated field by field with line-precise errors.
package indirect enum YAMLValue: Sendable, Equatable {
  /// A scalar's text (numbers and booleans stay text until a field asks for a type).
  case scalar(String, line: Int)
  /// A sequence.
  case sequence([YAMLValue], line: Int)
  /// A mapping in document order; keys are scalars.
  case mapping([YAMLEntry], line: Int)
  /// An explicit null (`~`, `null` or an empty value).
  case null(line: Int)

  /// The 1-based line the value starts on.
  package var line: Int {
    switch self {
    case .scalar(_, let line), .sequence(_, let line), .mapping(_, let line), .null(let line): line
    }
  }

  /// Parses one YAML document.
  /// - Parameters:
  ///   - text: The YAML text.
  ///   - file: The file name, for errors.
  ///   - lineOffset: Lines before `text` in its file (front matter starts after `---`).
  /// - Returns: The document's root, or `.null` for an empty document.
  /// - Throws: ``ConfigError`` with the file and line of a syntax error.
  package static func parse(_ text: String, file: String, lineOffset: Int = 0) throws -> YAMLValue {
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw ConfigError(file: file, line: lineOffset + yamlErrorLine(error), message: "\(error)")
    }
    guard let node else { return .null(line: lineOffset + 1) }
    return convert(node, lineOffset: lineOffset)
  }

  private static func convert(_ node: Node, lineOffset: Int) -> YAMLValue {
    let line = lineOffset + (node.mark?.line ?? 0)
    switch node {
    case .scalar(let scalar):
      if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
        return .null(line: line)
      }
      return .scalar(scalar.string, line: line)
    case .sequence(let sequence):
      return .sequence(sequence.map { convert($0, lineOffset: lineOffset) }, line: line)
    case .mapping(let mapping):
      return .mapping(
        mapping.map { key, value in
          YAMLEntry(
            key: key.string ?? "\(key)", keyLine: lineOffset + (key.mark?.line ?? 0),
            value: convert(value, lineOffset: lineOffset))
        }, line: line)
    case .alias(let alias):
      return .scalar("*\(alias.anchor.rawValue)", line: line)
    }
  }

  private static func yamlErrorLine(_ error: YamlError) -> Int {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return mark.line
    default: return 1
    }
  }
}

/// One key of a YAML mapping, with the line the key is on.
package struct YAMLEntry: Sendable, Equatable {
  /// The key text.
  package var key: String
  /// The key's 1-based line.
  package var keyLine: Int
  /// The value.
  package var value: YAMLValue
}
