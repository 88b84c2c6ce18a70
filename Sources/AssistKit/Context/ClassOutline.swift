internal import Foundation

/// The class around a method, in one line a small model can use: the class's name, its other
/// methods' signatures and the attributes its methods set (`self.group_map = …`).
///
/// A method shown alone leaves the model to guess what the object holds; small models then invent
/// an attribute (`self.substitution_map`) and the identifier check refuses the answer. Python and
/// JavaScript and TypeScript classes, found by indentation and by `class` lines; `nil` for a function
/// that is not directly inside a class.
package struct ClassOutline: Sendable, Equatable {
  /// The class's name.
  package var name: String
  /// The first line of each other method's signature, trimmed, in file order.
  package var methods: [String]
  /// Attributes the class's methods assign on `self`/`this`, in first-seen order.
  package var attributes: [String]

  /// Most methods and attributes listed: a long class is summarised, not copied.
  static let maxListed = 16

  /// The outline of the class that directly holds the method at `extent`, or `nil`.
  package static func enclosing(_ extent: SymbolExtent, in content: String, path: String)
    -> ClassOutline?
  {
    let language = SourceLanguage(path: path)
    guard !extent.indent.isEmpty, [.python, .javascript].contains(language) else {
      return nil
    }
    let lines = content.split(separator: "\n", omittingEmptySubsequences: false)
    func indent(_ line: Substring) -> Int { line.prefix { $0 == " " || $0 == "\t" }.count }
    // The nearest line above that is less indented than the method: the class, or not one.
    var head = extent.lines.lowerBound - 1
    while head >= 0,
      lines[head].allSatisfy(\.isWhitespace) || indent(lines[head]) >= extent.indent.count
    {
      head -= 1
    }
    guard head >= 0 else { return nil }
    let words = lines[head].split { $0 == " " || $0 == "(" || $0 == ":" || $0 == "{" || $0 == "<" }
    guard let at = words.firstIndex(where: { $0 == "class" }), at + 1 < words.count else {
      return nil
    }
    let name = String(words[at + 1])
    let classIndent = indent(lines[head])
    var end = head + 1
    while end < lines.count,
      lines[end].allSatisfy(\.isWhitespace) || indent(lines[end]) > classIndent
    {
      end += 1
    }
    let receiver = language == .python ? "self." : "this."
    var methods: [String] = []
    var attributes: [String] = []
    for index in (head + 1)..<end {
      let line = lines[index]
      let text = line.drop { $0 == " " || $0 == "\t" }
      if indent(line) == extent.indent.count, !extent.lines.contains(index),
        let signature = methodSignature(text, language: language)
      {
        methods.append(signature)
      }
      var rest = text[...]
      while let found = rest.range(of: receiver) {
        let tail = rest[found.upperBound...]
        let attribute = tail.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        let after = tail.dropFirst(attribute.count).drop { $0 == " " }
        if !attribute.isEmpty, after.first == "=", after.dropFirst().first != "=",
          !attributes.contains(String(attribute))
        {
          attributes.append(String(attribute))
        }
        rest = tail
      }
    }
    return ClassOutline(
      name: name, methods: Array(methods.prefix(maxListed)),
      attributes: Array(attributes.prefix(maxListed)))
  }

  /// A method's signature line as shown (`def _get_value(self, match):` → `_get_value(self,
  /// match)`), or `nil` when `text` does not start one.
  private static func methodSignature(_ text: Substring, language: SourceLanguage?) -> String? {
    if language == .python {
      var rest = text
      if rest.hasPrefix("async ") { rest = rest.dropFirst(6) }
      guard rest.hasPrefix("def ") else { return nil }
      let signature = rest.dropFirst(4).trimmingCharacters(in: .whitespaces)
      return signature.hasSuffix(":") ? String(signature.dropLast()) : signature
    }
    // `name(args) {` at the method's indentation, not a control statement.
    guard let open = text.firstIndex(of: "("), text.contains(")"),
      text.trimmingCharacters(in: .whitespaces).hasSuffix("{")
    else { return nil }
    let name = text[..<open].split(separator: " ").last.map(String.init) ?? ""
    guard !name.isEmpty, !["if", "for", "while", "switch", "catch", "return"].contains(name),
      let close = text.lastIndex(of: ")")
    else { return nil }
    return name + String(text[open...close])
  }

  /// The outline as one sentence for a prompt.
  package var sentence: String {
    var parts = ["It is a method of class `\(name)`"]
    if !methods.isEmpty {
      parts.append("whose other methods are " + methods.map { "`\($0)`" }.joined(separator: ", "))
    }
    if !attributes.isEmpty {
      parts.append(
        "whose methods set the attributes " + attributes.map { "`\($0)`" }.joined(separator: ", "))
    }
    return parts.joined(separator: ", ") + "."
  }
}
