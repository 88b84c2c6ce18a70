internal import Foundation

/// What one side did to definitions (``SymbolMap``) in the files it edited, and where its own
/// hunks are.
struct SymbolChanges: Sendable {
  /// A definition's new name and file.
  struct Renamed: Sendable, Equatable {
    var name: String
    var path: String
  }

  /// A place where a side uses or edits a name.
  struct Use: Sendable, Equatable {
    var path: String
    var label: String
    var how: String
  }

  /// Names whose definition it removed → the file.
  var removed: [String: String] = [:]
  /// Names it newly defines → the file.
  var added: [String: String] = [:]
  /// Old name → new name, when a file lost and gained the same number of definitions.
  var renames: [String: Renamed] = [:]
  /// File → its own hunks (what it was given → its version).
  var hunks: [String: [LineHunk]] = [:]

  /// Reads `side`; `cache` keeps definitions per (path, text) across sides sharing a base.
  init(_ side: ReconcileSide, cache: inout [String: [String]]) {
    func definitions(_ text: String?, _ path: String) -> [String] {
      guard let text else { return [] }
      let key = path + "\u{0}" + text
      if let known = cache[key] { return known }
      let found = SymbolMap.definitions(in: text, path: path)
      cache[key] = found
      return found
    }
    for path in side.edited {
      let given = side.given[path] ?? nil
      let version = side.versions[path] ?? nil
      hunks[path] = LineHunks.between(given, version)
      let before = definitions(given, path)
      let after = definitions(version, path)
      let gone = before.filter { !after.contains($0) }
      let new = after.filter { !before.contains($0) }
      for name in gone { removed[name] = path }
      for name in new { added[name] = path }
      if !gone.isEmpty, gone.count == new.count {
        for (old, name) in zip(gone, new) { renames[old] = Renamed(name: name, path: path) }
      }
    }
  }

  /// Where this side calls `name` in lines it wrote, or edits the lines of its definition.
  func uses(_ name: String, definedIn path: String, base side: ReconcileSide) -> Use? {
    if let given = side.given[path] ?? nil, let own = hunks[path] {
      let lines = LineHunks.lines(given)
      if let line = lines.firstIndex(where: {
        $0.contains(name) && SymbolMap.definitions(in: String($0), path: path).contains(name)
      }), let hunk = own.first(where: { $0.meets(start: line, count: 1) && $0.oldCount > 0 }) {
        return Use(path: path, label: hunk.label(path), how: "edits")
      }
    }
    for (file, own) in hunks.sorted(by: { $0.key < $1.key }) {
      for hunk in own {
        if let offset = hunk.added.firstIndex(where: { Self.containsWord(name, in: $0) }) {
          return Use(path: file, label: "\(file):\(hunk.newStart + offset + 1)", how: "calls")
        }
      }
    }
    return nil
  }

  /// Whether `line` contains `word` as a whole identifier.
  static func containsWord(_ word: String, in line: Substring) -> Bool {
    var rest = line[...]
    while let range = rest.range(of: word) {
      let before =
        range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
      let after = range.upperBound == line.endIndex ? nil : line[range.upperBound]
      if !(before.map(isIdentifier) ?? false) && !(after.map(isIdentifier) ?? false) { return true }
      rest = line[range.upperBound...]
    }
    return false
  }

  private static func isIdentifier(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
}
