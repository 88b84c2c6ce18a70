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

  /// Calls `body` with every identifier of `text` and its 1-based line (ASCII identifiers;
  /// other bytes separate words).
  static func scan(_ text: String, _ body: (String, Int) -> Void) {
    var line = 1
    let bytes = Array(text.utf8)
    var start = -1
    func isWord(_ b: UInt8) -> Bool {
      (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 95 || b == 36
    }
    for (i, b) in bytes.enumerated() {
      if isWord(b) {
        if start < 0 { start = i }
        continue
      }
      if start >= 0, !(bytes[start] >= 48 && bytes[start] <= 57) {
        body(String(decoding: bytes[start..<i], as: UTF8.self), line)
      }
      start = -1
      if b == 10 { line += 1 }
    }
    if start >= 0, !(bytes[start] >= 48 && bytes[start] <= 57) {
      body(String(decoding: bytes[start...], as: UTF8.self), line)
    }
  }
}
