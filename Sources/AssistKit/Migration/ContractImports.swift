/// The import a migration part forgot: a file that now uses the contract's new exception class
/// without binding it gets the contract's exact import line, added by the tool (a small model
/// rewrites `raise ValueError` to `raise InvalidSizeError` and often stops there; tests that
/// never take the error path would pass the `NameError` through).
package enum ContractImports {
  /// `change` with the contract's import line added when its new text uses the new name unbound;
  /// `nil` when nothing is missing.
  package static func completed(_ change: EditApplier.FileChange, contract: Contract)
    -> EditApplier.FileChange?
  {
    guard contract.action == .exception, let name = contract.newName,
      let line = contract.importLine, change.path.hasSuffix(".py"), change.path != contract.module,
      let text = change.new, !IdentifierWords.lines(containing: name, in: text).isEmpty
    else { return nil }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let binds = lines.contains { raw in
      let statement = raw.drop { $0 == " " || $0 == "\t" }
      let words = IdentifierWords.counts(in: String(statement))
      guard words[name] != nil else { return false }
      return statement.hasPrefix("from ") || statement.hasPrefix("import ")
        || statement.hasPrefix("class \(name)") || statement.hasPrefix("def \(name)")
        || statement.hasPrefix("\(name) =")
        // A parenthesized import's continuation line ("    InvalidSizeError,").
        || statement.hasPrefix("\(name),") || statement.hasPrefix("\(name))")
        || statement == Substring(name)
    }
    guard !binds else { return nil }
    var after: Int?
    var index = 0
    var header = true
    while index < lines.count {
      let text = lines[index]
      if text.hasPrefix("def ") || text.hasPrefix("class ") || text.hasPrefix("@") { break }
      if text.hasPrefix("import ") || text.hasPrefix("from ") {
        if text.contains("(") && !text.contains(")") {
          while index + 1 < lines.count && !lines[index].contains(")") { index += 1 }
        }
        after = index
      } else if header, text.hasPrefix("#") || text.isEmpty {
        // Shebang, encoding line and comments before any code.
      } else if header, text.hasPrefix("\"\"\"") || text.hasPrefix("'''") {
        let quote = String(text.prefix(3))
        let closesHere = text.dropFirst(3).contains(quote)
        if !closesHere {
          while index + 1 < lines.count && !lines[index + 1].contains(quote) { index += 1 }
          index += 1
        }
        after = after ?? index
      } else {
        header = false
      }
      index += 1
    }
    let at = after.map { $0 + 1 } ?? 0
    let next = at < lines.count ? lines[at] : ""
    // A new import block is set off from the code after it as the file's style would be.
    let gap =
      after == nil && (next.hasPrefix("def ") || next.hasPrefix("class ") || next.hasPrefix("@"))
      ? ["", ""] : after == nil && !next.isEmpty ? [""] : []
    lines.insert(contentsOf: [line] + gap, at: at)
    var completed = change
    completed.new = lines.joined(separator: "\n")
    return completed
  }
}
