internal import Foundation

/// Moves top-level Python functions or classes into a new module with no model: their text (with
/// decorators) and the imports they use go to the new module, the source module loses them and
/// the imports only they used, and every `from source import …` of them elsewhere imports them
/// from the new module. Anything the tool cannot do exactly is an obstacle, and a model does it.
package enum MechanicalMove {
  /// What the tool decided.
  package enum Outcome: Sendable, Equatable {
    /// The file changes that make the move.
    case changes([EditApplier.FileChange])
    /// Why the tool leaves the move to a model.
    case obstacle(String)
  }

  /// Moves `symbols` (all defined at the top level of one Python module) into `module`, a new
  /// file in an existing package.
  package static func move(symbols: [String], to module: String, lookup: any DefinitionLookup)
    -> Outcome
  {
    guard !symbols.isEmpty, symbols.allSatisfy(IdentifierWords.isIdentifier) else {
      return .obstacle("no symbol to move")
    }
    guard module.hasSuffix(".py"), lookup.text(of: module) == nil else {
      return .obstacle("\(module) is not a new Python module")
    }
    let folder = (module as NSString).deletingLastPathComponent
    guard folder.isEmpty || lookup.text(of: folder + "/__init__.py") != nil,
      let target = dotted(module)
    else { return .obstacle("\(module) is not inside a package") }
    var blocks: [(symbol: String, first: Int, last: Int)] = []
    var source: String?
    for symbol in symbols {
      let homes = lookup.definitions(of: symbol).filter(\.topLevel)
      guard homes.count == 1, let home = homes.first, source == nil || source == home.path else {
        return .obstacle("`\(symbol)` is not defined once at the top of the same module")
      }
      source = home.path
      blocks.append((symbol, home.firstLine, home.lastLine))
    }
    guard let source, source.hasSuffix(".py"), let text = lookup.text(of: source),
      let origin = dotted(source)
    else { return .obstacle("the symbols' module is not Python") }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let scan = PythonFileScan(lines: lines.map { Substring($0) })
    // Each block starts at its first decorator.
    blocks = blocks.map { block in
      var first = block.first
      while first > 1 && lines[first - 2].hasPrefix("@") { first -= 1 }
      return (block.symbol, first, min(block.last, lines.count))
    }.sorted { $0.first < $1.first }
    let moved = blocks.map { lines[($0.first - 1)..<$0.last].joined(separator: "\n") }
    let used = Set(IdentifierWords.counts(in: moved.joined(separator: "\n")).keys)

    // The source's top-level imports that bind a name the moved code uses.
    let original = lines
    var header: [String] = []
    var importLines = Set<String>()
    for (index, line) in original.enumerated() where !line.hasPrefix(" ") && !line.hasPrefix("\t") {
      switch scan.statements[index] {
      case .fromImport, .importModule: break
      default: continue
      }
      guard let parsed = ImportLine(line, in: source) else {
        if !statementWords(original, scan: scan, from: index).isDisjoint(with: used) {
          return .obstacle("\(source):\(index + 1) is an import the tool cannot split")
        }
        continue
      }
      let needed = Set(parsed.bound.map(\.bound).filter(used.contains))
      guard !needed.isEmpty else { continue }
      header.append(parsed.rendered(keeping: needed))
      importLines.insert(line)
    }
    for word in used.subtracting(symbols) {
      let here = lookup.definitions(of: word).filter { $0.topLevel && $0.path == source }
      if !here.isEmpty, !blocks.contains(where: { $0.symbol == word }) {
        return .obstacle("the moved code uses `\(word)`, which stays in \(source)")
      }
    }

    // The source without the blocks, then without the imports nothing there uses any more.
    for block in blocks.reversed() {
      lines.removeSubrange((block.first - 1)..<block.last)
    }
    var remaining = collapsed(lines).joined(separator: "\n")
    for symbol in symbols where !IdentifierWords.lines(containing: symbol, in: remaining).isEmpty {
      return .obstacle("\(source) still uses `\(symbol)` after the move")
    }
    var cleaned: [String] = []
    let body = remaining.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let rest = body.filter { !importLines.contains($0) }.joined(separator: "\n")
    let stillUsed = Set(IdentifierWords.counts(in: rest).keys)
    for line in body {
      guard importLines.contains(line), let parsed = ImportLine(line, in: source) else {
        cleaned.append(line)
        continue
      }
      let keep = Set(parsed.bound.map(\.bound).filter(stillUsed.contains))
      if !keep.isEmpty { cleaned.append(parsed.rendered(keeping: keep)) }
    }
    remaining = collapsed(cleaned).joined(separator: "\n")

    var changes = [
      EditApplier.FileChange(path: source, old: text, new: remaining),
      EditApplier.FileChange(
        path: module, old: nil,
        new: (header.isEmpty ? "" : header.joined(separator: "\n") + "\n\n\n")
          + moved.joined(separator: "\n\n\n") + "\n"),
    ]
    // Every other module that imports a moved symbol from the source imports it from the new one.
    let movedSet = Set(symbols)
    var files = Set<String>()
    for symbol in symbols {
      for (path, _) in lookup.mentions(of: symbol) where path != source && path.hasSuffix(".py") {
        files.insert(path)
      }
    }
    for path in files.sorted() {
      guard let old = lookup.text(of: path) else { continue }
      var out: [String] = []
      let fileLines = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let fileScan = PythonFileScan(lines: fileLines.map { Substring($0) })
      for (index, line) in fileLines.enumerated() {
        if let parsed = ImportLine(line, in: path), parsed.module == origin {
          let mine = parsed.bound.filter { movedSet.contains($0.name) }
          if !mine.isEmpty {
            let others = Set(parsed.bound.filter { !movedSet.contains($0.name) }.map(\.bound))
            if !others.isEmpty { out.append(parsed.rendered(keeping: others)) }
            var moving = parsed
            moving.module = target
            out.append(moving.rendered(keeping: Set(mine.map(\.bound))))
            continue
          }
        } else if case .fromImport = fileScan.statements[index],
          !Set(IdentifierWords.counts(in: line).keys).isDisjoint(with: movedSet)
        {
          return .obstacle(
            "\(path):\(index + 1) imports a moved name in a form the tool cannot split")
        }
        // `utils.imt` through an imported module: the tool leaves that to a model.
        for (alias, dottedName) in fileScan.targets where dottedName == origin {
          for symbol in symbols where line.contains("\(alias).\(symbol)") {
            return .obstacle("\(path):\(index + 1) uses `\(alias).\(symbol)`")
          }
        }
        out.append(line)
      }
      let new = out.joined(separator: "\n")
      if new != old { changes.append(EditApplier.FileChange(path: path, old: old, new: new)) }
    }
    return .changes(changes)
  }

  /// `pkg/sub/mod.py` → `pkg.sub.mod`; `pkg/__init__.py` → `pkg`.
  static func dotted(_ path: String) -> String? {
    guard path.hasSuffix(".py") else { return nil }
    var parts = path.dropLast(3).split(separator: "/").map(String.init)
    if parts.last == "__init__" { parts.removeLast() }
    guard !parts.isEmpty, parts.allSatisfy(IdentifierWords.isIdentifier) else { return nil }
    return parts.joined(separator: ".")
  }

  /// At most two blank lines in a row and one newline at the end.
  private static func collapsed(_ lines: [String]) -> [String] {
    var out: [String] = []
    var blanks = 0
    for line in lines {
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
        blanks += 1
        if blanks > 2 { continue }
        out.append("")
      } else {
        blanks = 0
        out.append(line)
      }
    }
    while out.last == "" { out.removeLast() }
    return out + [""]
  }

  /// Every identifier of the import statement that starts at `index` (all its lines).
  private static func statementWords(_ lines: [String], scan: PythonFileScan, from index: Int)
    -> Set<String>
  {
    var words = Set(IdentifierWords.counts(in: lines[index]).keys)
    var next = index + 1
    while next < lines.count,
      lines[next].hasPrefix(" ") || lines[next].hasPrefix("\t")
        || lines[next].hasPrefix(")"), scan.statements[next] == scan.statements[index]
    {
      words.formUnion(IdentifierWords.counts(in: lines[next]).keys)
      next += 1
    }
    return words
  }

  /// One single-line `from m import a, b as c` or `import m`, with its module made absolute.
  struct ImportLine {
    /// `a` or `b as c`: the imported name and the name it binds.
    struct Item {
      var name: String
      var bound: String
      var alias: String?
    }
    var indent: String
    /// The absolute module of a `from` import; `nil` for `import m`.
    var module: String?
    var text: String
    var bound: [Item]

    init?(_ line: String, in path: String) {
      let indentation = String(line.prefix { $0 == " " || $0 == "\t" })
      var statement = line.dropFirst(indentation.count)
      if let hash = statement.firstIndex(of: "#") { statement = statement[..<hash] }
      statement = Substring(statement.trimmingCharacters(in: .whitespaces))
      guard !statement.contains("("), !statement.hasSuffix("\\"), !statement.contains(";")
      else { return nil }
      indent = indentation
      text = line
      if statement.hasPrefix("import ") {
        module = nil
        bound = statement.dropFirst(7).split(separator: ",").compactMap { part in
          let words = part.split(separator: " ").map(String.init)
          if words.count == 3, words[1] == "as" {
            return Item(name: words[0], bound: words[2], alias: words[2])
          }
          guard words.count == 1 else { return nil }
          let head = String(words[0].prefix { $0 != "." })
          return Item(name: words[0], bound: head, alias: nil)
        }
        return
      }
      guard statement.hasPrefix("from "),
        let range = statement.range(of: " import ")
      else { return nil }
      let raw = String(
        statement[statement.index(statement.startIndex, offsetBy: 5)..<range.lowerBound]
      )
      .trimmingCharacters(in: .whitespaces)
      guard let absolute = Self.absolute(raw, in: path) else { return nil }
      module = absolute
      var items: [Item] = []
      for part in statement[range.upperBound...].split(separator: ",") {
        let words = part.split(separator: " ").map(String.init)
        if words.count == 1, IdentifierWords.isIdentifier(words[0]) {
          items.append(Item(name: words[0], bound: words[0], alias: nil))
        } else if words.count == 3, words[1] == "as" {
          items.append(Item(name: words[0], bound: words[2], alias: words[2]))
        } else {
          return nil
        }
      }
      bound = items
    }

    /// The line with only the items that bind `names` (the whole line for `import m`).
    func rendered(keeping names: Set<String>) -> String {
      guard let module else { return text }
      let kept = bound.filter { names.contains($0.bound) }.map { item in
        item.alias.map { "\(item.name) as \($0)" } ?? item.name
      }
      return "\(indent)from \(module) import \(kept.joined(separator: ", "))"
    }

    /// `.utils` in `pkg/sql.py` → `pkg.utils`; an absolute module unchanged.
    static func absolute(_ module: String, in path: String) -> String? {
      let dots = module.prefix { $0 == "." }.count
      guard dots > 0 else { return module }
      var package = path.split(separator: "/").dropLast().map(String.init)
      guard dots - 1 <= package.count else { return nil }
      package.removeLast(dots - 1)
      let rest = module.dropFirst(dots)
      return (package + (rest.isEmpty ? [] : [String(rest)])).joined(separator: ".")
    }
  }
}
