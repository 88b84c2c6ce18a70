/// Where defined names are mentioned: a whole-word scan of the text files, one pass per file.
///
/// A mention is not proof of a call (a comment, a string, another thing of the same name), but it
/// is what a reader would grep for, and together with the index it gives the reference graph.
package struct References: Sendable {
  /// One mention of a name.
  package struct Site: Sendable, Hashable, Codable {
    /// The file.
    package var path: String
    /// The line, 1-based.
    package var line: Int

    /// Creates a site.
    package init(path: String, line: Int) {
      self.path = path
      self.line = line
    }
  }

  /// Name → its mentions (definitions' own first lines included), in path and line order.
  package var sites: [String: [Site]]

  /// Scans `files` for the names `index` defines.
  package init(index: RepositoryIndex, files: [String: String]) {
    let names = index.names
    var sites: [String: [Site]] = [:]
    for path in files.keys.sorted() {
      guard let text = files[path] else { continue }
      Self.scan(text) { word, line in
        if names.contains(word) { sites[word, default: []].append(Site(path: path, line: line)) }
      }
    }
    self.sites = sites
  }

  /// The mentions of `name` other than the lines that define it.
  package func mentions(of name: String, index: RepositoryIndex) -> [Site] {
    let heads = Set(index.named(name).map { Site(path: $0.path, line: $0.line) })
    return (sites[name] ?? []).filter { !heads.contains($0) }
  }

  /// Calls `body` with every identifier of `text` and its 1-based line.
  static func scan(_ text: String, _ body: (String, Int) -> Void) {
    var line = 1
    var word = ""
    for c in text.unicodeScalars {
      let isWord = c == "_" || c == "$" || (c.properties.isAlphabetic) || ("0"..."9").contains(c)
      if isWord {
        word.unicodeScalars.append(c)
        continue
      }
      if !word.isEmpty, !(word.first?.isNumber ?? true) { body(word, line) }
      word = ""
      if c == "\n" { line += 1 }
    }
    if !word.isEmpty, !(word.first?.isNumber ?? true) { body(word, line) }
  }
}
