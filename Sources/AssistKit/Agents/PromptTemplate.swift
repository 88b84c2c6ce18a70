internal import Foundation

/// A prompt file with `{{placeholders}}` and no logic; rendering requires every placeholder.
package struct PromptTemplate: Sendable, Equatable {
  /// The template's name (file name without `.md`).
  package var name: String
  /// The raw text.
  package var text: String

  /// Creates a template from its text.
  package init(name: String, text: String) {
    self.name = name
    self.text = text
  }

  /// Loads `prompts/<name>.md` from the first folder of `folders` (highest precedence last) that has it.
  /// - Throws: ``ConfigError`` when no folder has it.
  package static func load(_ name: String, folders: [String]) throws -> PromptTemplate {
    for folder in folders.reversed() {
      if let text = try FileSystem.readTextIfPresent(folder + "/\(name).md") {
        return PromptTemplate(name: name, text: text)
      }
    }
    throw ConfigError(file: "prompts/\(name).md", line: nil, message: "prompt template not found")
  }

  /// The placeholders the template uses, in order of first appearance.
  package var placeholders: [String] {
    var seen: [String] = []
    var rest = text[...]
    while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
      let key = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      if !seen.contains(key) { seen.append(key) }
      rest = rest[close.upperBound...]
    }
    return seen
  }

  /// Fills every placeholder.
  /// - Throws: ``ConfigError`` naming a placeholder without a value.
  package func render(_ values: [String: String]) throws -> String {
    var output = ""
    var rest = text[...]
    while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
      output += rest[..<open.lowerBound]
      let key = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      guard let value = values[key] else {
        throw ConfigError(file: "prompts/\(name).md", line: nil, message: "no value for {{\(key)}}")
      }
      output += value
      rest = rest[close.upperBound...]
    }
    return output + rest
  }
}
