internal import Foundation

/// Adds one parameter to named top-level Python functions and passes it on, with no model: each
/// signature gets the declaration (keyword-only after a `*` when asked), and each call in their
/// bodies to one of the named functions, or to a callee that already takes the parameter, gets
/// `name=name`. A function that passes it nowhere needs behaviour, which is a model's job; the
/// tool says which. Anything it cannot do exactly is an obstacle, and a model does it all.
package enum MechanicalSignature {
  /// The parameter being added.
  package struct Parameter: Sendable, Equatable {
    /// Its name (`strict`).
    package var name: String
    /// As it is declared (`strict=False`, `strip_semicolon: bool = False`).
    package var declaration: String
    /// Whether it goes after a `*`.
    package var keywordOnly: Bool

    /// Creates a parameter whose declaration is known to start with `name`.
    package init(name: String, declaration: String, keywordOnly: Bool) {
      self.name = name
      self.declaration = declaration
      self.keywordOnly = keywordOnly
    }

    /// Reads a declaration; `nil` when it does not start with an identifier.
    package init?(declaration: String, keywordOnly: Bool) {
      let text = declaration.trimmingCharacters(in: .whitespaces)
      let name = String(text.prefix { IdentifierWords.isWordCharacter($0) })
      guard IdentifierWords.isIdentifier(name) else { return nil }
      let rest = text.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
      guard rest.isEmpty || rest.hasPrefix(":") || rest.hasPrefix("=") else { return nil }
      self.name = name
      self.declaration = text
      self.keywordOnly = keywordOnly
    }
  }

  /// What the tool did.
  package struct Threading: Sendable, Equatable {
    /// The file changes.
    package var changes: [EditApplier.FileChange]
    /// Named functions that received the parameter but pass it nowhere, with their files: the
    /// behaviour the task asks of it there is left to a model.
    package var needsBehaviour: [(name: String, path: String)]
    /// Calls that now pass the parameter on.
    package var passedOn: Int

    package static func == (a: Threading, b: Threading) -> Bool {
      a.changes == b.changes && a.passedOn == b.passedOn
        && a.needsBehaviour.map { [$0.name, $0.path] }
          == b.needsBehaviour.map { [$0.name, $0.path] }
    }
  }

  /// What the tool decided.
  package enum Outcome: Sendable, Equatable {
    /// The changes, and what is left.
    case threaded(Threading)
    /// Why the tool leaves the change to a model.
    case obstacle(String)
  }

  /// Adds `parameter` to each of `functions` and passes it on inside them.
  package static func thread(
    _ parameter: Parameter, through functions: [String], lookup: any DefinitionLookup
  ) -> Outcome {
    guard !functions.isEmpty else { return .obstacle("no function to change") }
    guard parameter.keywordOnly || parameter.declaration.contains("=") else {
      // A positional parameter with no default would break every caller.
      return .obstacle("`\(parameter.name)` has no default, so every caller would change")
    }
    var homes: [String: SymbolDefinition] = [:]
    for name in functions {
      let found = lookup.definitions(of: name).filter { $0.topLevel && $0.path.hasSuffix(".py") }
      guard found.count == 1, let home = found.first else {
        return .obstacle("`\(name)` is not defined once at the top of a Python module")
      }
      homes[name] = home
    }
    let named = Set(functions)
    var insertions: [String: [(offset: Int, text: String)]] = [:]
    var needsBehaviour: [(name: String, path: String)] = []
    var passedOn = 0
    var added = 0
    for name in functions {
      guard let home = homes[name], let text = lookup.text(of: home.path) else {
        return .obstacle("`\(name)`'s file cannot be read")
      }
      let source = Array(text)
      let lineStarts = Self.lineStarts(source)
      guard home.firstLine - 1 < lineStarts.count,
        let open = Self.signatureOpen(of: name, in: source, from: lineStarts[home.firstLine - 1]),
        let list = Self.arguments(in: source, open: open)
      else { return .obstacle("`\(name)`'s signature cannot be read") }
      let declared = list.items.map { Self.parameterName(String(source[$0])) }
      if !declared.contains(parameter.name) {
        guard let insertion = Self.signatureInsertion(parameter, list: list, source: source) else {
          return .obstacle("`\(name)`'s parameters leave no place for `\(parameter.name)`")
        }
        insertions[home.path, default: []].append(insertion)
        added += 1
      }
      // Calls in the body that can take the parameter.
      let bodyEnd = home.lastLine < lineStarts.count ? lineStarts[home.lastLine] : source.count
      var passes = 0
      for call in Self.calls(in: source, from: list.close + 1, to: bodyEnd) {
        guard named.contains(call.name) || takes(parameter.name, callee: call.name, lookup: lookup),
          let args = Self.arguments(in: source, open: call.open)
        else { continue }
        let given = args.items.map { String(source[$0]).trimmingCharacters(in: .whitespaces) }
        if given.contains(where: { $0.hasPrefix(parameter.name + "=") }) { continue }
        let pass = "\(parameter.name)=\(parameter.name)"
        if let last = args.items.last(where: { !Self.isBlank(source[$0]) }) {
          insertions[home.path, default: []].append(
            (Self.trimmedEnd(last, in: source), ", " + pass))
        } else {
          insertions[home.path, default: []].append((call.open + 1, pass))
        }
        passes += 1
      }
      passedOn += passes
      if passes == 0, !declared.contains(parameter.name) {
        needsBehaviour.append((name, home.path))
      }
    }
    guard added > 0 else { return .obstacle("every function already has `\(parameter.name)`") }
    var changes: [EditApplier.FileChange] = []
    for (path, edits) in insertions.sorted(by: { $0.key < $1.key }) {
      guard let old = lookup.text(of: path) else { continue }
      var characters = Array(old)
      for edit in edits.sorted(by: { $0.offset > $1.offset }) {
        characters.insert(contentsOf: edit.text, at: edit.offset)
      }
      changes.append(EditApplier.FileChange(path: path, old: old, new: String(characters)))
    }
    return .threaded(
      Threading(changes: changes, needsBehaviour: needsBehaviour, passedOn: passedOn))
  }

  /// The functions a task names for the change, `first` first: names in backticks (a dotted
  /// `pkg.parse` is `parse`) defined once at the top of a module, and bare words defined at the
  /// top of a file the task also names by its path ("windowed in sizes/extra.py"); `also` (a
  /// planner's symbols) joins them when they are such functions too.
  package static func functions(
    namedIn task: String, first: String, also: [String] = [], lookup: any DefinitionLookup
  ) -> [String] {
    var names = [first]
    func add(_ name: String, where fits: (SymbolDefinition) -> Bool) {
      guard !names.contains(name), IdentifierWords.isIdentifier(name) else { return }
      let found = lookup.definitions(of: name).filter { $0.topLevel && $0.path.hasSuffix(".py") }
      // A class is not a function whose signature changes.
      guard found.count == 1, let home = found.first, fits(home),
        let text = lookup.text(of: home.path)
      else { return }
      let source = Array(text)
      let starts = lineStarts(source)
      guard home.firstLine - 1 < starts.count,
        signatureOpen(of: name, in: source, from: starts[home.firstLine - 1]) != nil
      else { return }
      names.append(name)
    }
    for name in also { add(name) { _ in true } }
    let pieces = task.split(separator: "`", omittingEmptySubsequences: false)
    for (index, piece) in pieces.enumerated() where index % 2 == 1 {
      if let last = piece.split(separator: ".").last { add(String(last)) { _ in true } }
    }
    let tokens = task.split { !(IdentifierWords.isWordCharacter($0) || "./-".contains($0)) }
      .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
    let paths = Set(tokens.filter { $0.hasSuffix(".py") })
    for token in tokens where !paths.isEmpty {
      add(token) { paths.contains($0.path) }
    }
    return names
  }

  /// The module-level functions outside tests whose bodies call one of `names`, in file order:
  /// the callers a parameter is threaded through.
  package static func callers(of names: [String], lookup: any DefinitionLookup) -> [String] {
    var found: [String] = []
    let named = Set(names)
    for name in names {
      for (path, numbers) in lookup.mentions(of: name).sorted(by: { $0.key < $1.key })
      where path.hasSuffix(".py") && !lookup.isTest(path) {
        guard let text = lookup.text(of: path) else { continue }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let source = Array(text)
        let starts = lineStarts(source)
        for number in numbers {
          // The nearest line above at column 0 that is not a signature's closing bracket.
          var index = number - 1
          while index > 0,
            lines[index].first.map({ $0 == " " || $0 == "\t" || $0 == ")" || $0 == "#" }) ?? true
          {
            index -= 1
          }
          var header = lines[index]
          if header.hasPrefix("async ") { header = header.dropFirst(6) }
          guard header.hasPrefix("def ") else { continue }
          let caller = String(header.dropFirst(4).prefix { IdentifierWords.isWordCharacter($0) })
          guard !named.contains(caller), !found.contains(caller),
            let home = lookup.definitions(of: caller).first(where: {
              $0.topLevel && $0.path == path && $0.firstLine == index + 1 && $0.lastLine >= number
            })
          else { continue }
          let end = home.lastLine < starts.count ? starts[home.lastLine] : source.count
          if calls(in: source, from: starts[index], to: end).contains(where: { $0.name == name }) {
            found.append(caller)
          }
        }
      }
    }
    return found
  }

  /// Whether `callee` (a function, or a class through its `__init__`) already declares `name`.
  static func takes(_ name: String, callee: String, lookup: any DefinitionLookup) -> Bool {
    // Only module-level callees: a method named like it on another class says nothing.
    for definition in lookup.definitions(of: callee) where definition.topLevel {
      guard let text = lookup.text(of: definition.path) else { continue }
      let source = Array(text)
      let starts = lineStarts(source)
      guard definition.firstLine - 1 < starts.count else { continue }
      if declares(name, function: callee, in: source, from: starts[definition.firstLine - 1]) {
        return true
      }
      // A class: its `__init__` inside the class's lines.
      let inits = lookup.definitions(of: "__init__").filter {
        $0.path == definition.path && $0.firstLine > definition.firstLine
          && $0.lastLine <= definition.lastLine
      }
      for method in inits where method.firstLine - 1 < starts.count {
        if declares(name, function: "__init__", in: source, from: starts[method.firstLine - 1]) {
          return true
        }
      }
    }
    return false
  }

  // MARK: - Reading Python text

  /// Whether the `def function(` at or after `from` declares a parameter `name`.
  static func declares(_ name: String, function: String, in source: [Character], from: Int) -> Bool
  {
    guard let open = signatureOpen(of: function, in: source, from: from),
      let list = arguments(in: source, open: open)
    else { return false }
    return list.items.contains { parameterName(String(source[$0])) == name }
  }

  /// A bracketed list's comma-separated items (offset ranges, top level only) and its `)`.
  struct ItemList {
    var items: [Range<Int>]
    var close: Int
  }

  /// Where the insertion goes in a signature's list, and what is inserted.
  static func signatureInsertion(_ parameter: Parameter, list: ItemList, source: [Character])
    -> (offset: Int, text: String)?
  {
    let texts = list.items.map {
      String(source[$0]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let nonBlank = list.items.indices.filter { !texts[$0].isEmpty }
    let doubleStar = nonBlank.first { texts[$0].hasPrefix("**") }
    let star = nonBlank.first { texts[$0].hasPrefix("*") && !texts[$0].hasPrefix("**") }
    let declaration = parameter.declaration
    func before(_ index: Int, _ text: String) -> (Int, String) {
      (Self.trimmedStart(list.items[index], in: source), text + ", ")
    }
    func afterLast(_ text: String) -> (Int, String)? {
      guard let last = nonBlank.last else { return (list.items.first?.lowerBound ?? 0, text) }
      return (Self.trimmedEnd(list.items[last], in: source), ", " + text)
    }
    if parameter.keywordOnly {
      if star != nil { return doubleStar.map { before($0, declaration) } ?? afterLast(declaration) }
      return doubleStar.map { before($0, "*, " + declaration) } ?? afterLast("*, " + declaration)
    }
    if let first = [star, doubleStar].compactMap({ $0 }).min() {
      return before(first, declaration)
    }
    if list.items.count == 1, nonBlank.isEmpty { return (list.items[0].lowerBound, declaration) }
    return afterLast(declaration)
  }

  /// The name a parameter item declares (`*args` → `args`, `x: int = 1` → `x`).
  static func parameterName(_ item: String) -> String {
    let text = item.trimmingCharacters(in: .whitespacesAndNewlines).drop { $0 == "*" }
    return String(text.prefix { IdentifierWords.isWordCharacter($0) })
  }

  /// The `(` after `def name` at or after `from` (decorators may come first).
  static func signatureOpen(of name: String, in source: [Character], from: Int) -> Int? {
    let keyword = Array("def \(name)")
    var index = from
    while index + keyword.count <= source.count {
      if Array(source[index..<(index + keyword.count)]) == keyword,
        index == 0 || !IdentifierWords.isWordCharacter(source[index - 1])
      {
        var next = index + keyword.count
        while next < source.count && (source[next] == " " || source[next] == "\t") { next += 1 }
        if next < source.count && source[next] == "(" { return next }
      }
      index += 1
      // The definition is near its first line: a decorator or two, never a screenful.
      if index - from > 4000 { return nil }
    }
    return nil
  }

  /// The items of the bracketed list opening at `open`, skipping strings and comments.
  static func arguments(in source: [Character], open: Int) -> ItemList? {
    guard open < source.count, source[open] == "(" else { return nil }
    var depth = 0
    var items: [Range<Int>] = []
    var start = open + 1
    var index = open
    var quote: Character?
    while index < source.count {
      let character = source[index]
      if let open = quote {
        if character == "\\" {
          index += 1
        } else if character == open {
          quote = nil
        }
      } else if character == "#" {
        while index < source.count && source[index] != "\n" { index += 1 }
        continue
      } else if character == "\"" || character == "'" {
        quote = character
      } else if "([{".contains(character) {
        depth += 1
      } else if ")]}".contains(character) {
        depth -= 1
        if depth == 0 {
          items.append(start..<index)
          return ItemList(items: items, close: index)
        }
      } else if character == ",", depth == 1 {
        items.append(start..<index)
        start = index + 1
      }
      index += 1
    }
    return nil
  }

  /// Calls `name(` in `source[from..<to]` outside strings and comments, with their `(` offsets;
  /// `def name(` is not a call.
  static func calls(in source: [Character], from: Int, to: Int) -> [(name: String, open: Int)] {
    var found: [(name: String, open: Int)] = []
    var index = from
    var quote: Character?
    while index < min(to, source.count) {
      let character = source[index]
      if let open = quote {
        // A triple quote reads as an empty string and the start of one more: the same spans.
        if character == "\\" {
          index += 1
        } else if character == open {
          quote = nil
        }
        index += 1
        continue
      }
      if character == "#" {
        while index < source.count && source[index] != "\n" { index += 1 }
        continue
      }
      if character == "\"" || character == "'" {
        quote = character
        index += 1
        continue
      }
      guard IdentifierWords.isWordCharacter(character),
        index == 0 || !IdentifierWords.isWordCharacter(source[index - 1])
      else {
        index += 1
        continue
      }
      var end = index
      while end < source.count && IdentifierWords.isWordCharacter(source[end]) { end += 1 }
      let word = String(source[index..<end])
      var next = end
      while next < source.count && (source[next] == " " || source[next] == "\t") { next += 1 }
      let previousWord = Self.wordBefore(index, in: source)
      if next < source.count, source[next] == "(", previousWord != "def", previousWord != "class",
        IdentifierWords.isIdentifier(word)
      {
        found.append((word, next))
      }
      index = end
    }
    return found
  }

  private static func wordBefore(_ index: Int, in source: [Character]) -> String {
    var end = index
    while end > 0 && (source[end - 1] == " " || source[end - 1] == "\t") { end -= 1 }
    var start = end
    while start > 0 && IdentifierWords.isWordCharacter(source[start - 1]) { start -= 1 }
    return String(source[start..<end])
  }

  static func lineStarts(_ source: [Character]) -> [Int] {
    var starts = [0]
    for (index, character) in source.enumerated() where character == "\n" {
      starts.append(index + 1)
    }
    return starts
  }

  static func isBlank(_ characters: ArraySlice<Character>) -> Bool {
    characters.allSatisfy { $0.isWhitespace }
  }

  static func trimmedEnd(_ range: Range<Int>, in source: [Character]) -> Int {
    var end = range.upperBound
    while end > range.lowerBound && source[end - 1].isWhitespace { end -= 1 }
    return end
  }

  static func trimmedStart(_ range: Range<Int>, in source: [Character]) -> Int {
    var start = range.lowerBound
    while start < range.upperBound && source[start].isWhitespace { start += 1 }
    return start
  }
}
