extension FunctionFormat {
  /// A function reply whose first code line neither defines the function nor leads up to it
  /// (a decorator, a comment, an import): the model is writing something else.
  package func earlyProblem(partial: String, defaultPath: String?) -> String? {
    // Only complete lines: the last one may still be growing.
    guard let end = partial.lastIndex(of: "\n"),
      let block = FencedBlock.all(in: String(partial[...end])).first(where: { !$0.isShell }),
      let first = block.body.editLines.first(where: { !Self.leadsUp(to: $0) })
    else { return nil }
    // The parser also finds the function inside a type written around it.
    guard !names.contains(where: first.contains), !Self.opensContainer(first) else { return nil }
    let wanted = names.map { "`\($0)`" }.joined(separator: " or ")
    return
      "the reply's code does not start with the function \(wanted): reply with that function, its signature first"
  }

  /// A line that opens a type or module the function may sit in.
  private static func opensContainer(_ line: Substring) -> Bool {
    let word = line.trimmed.prefix(while: { !$0.isWhitespace })
    return ["class", "struct", "extension", "impl", "enum", "interface", "export", "namespace"]
      .contains(String(word))
  }

  /// Lines that may come before a function's signature.
  private static func leadsUp(to line: Substring) -> Bool {
    let text = line.trimmed
    return text.isEmpty || text.hasPrefix("@") || text.hasPrefix("#") || text.hasPrefix("//")
      || text.hasPrefix("import ") || text.hasPrefix("from ") || text.hasPrefix("/*")
      || text.hasPrefix("*")
  }
}
