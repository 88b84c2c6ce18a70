/// Every definition in a repository's text files, with line ranges: the one source the symbol
/// map, localization, function focus and slices read.
///
/// Built by ``DefinitionIndexer`` (universal-ctags, patterns as fallback) and cached per blob id
/// in the store, so a second run re-reads only the files whose content changed.
package struct RepositoryIndex: Sendable {
  /// Definitions per path, sorted by start line.
  package let definitions: [String: [Definition]]
  /// Definitions per name, in path then line order.
  private let byName: [String: [Definition]]
  /// What building it did: files read by ctags, by the fallback, and from the cache.
  package var report: DefinitionIndexer.Report
  /// Files whose definitions came from the store's cache.
  package var cachedFiles: Int

  /// Creates an index from definitions already found.
  package init(
    definitions: [String: [Definition]], report: DefinitionIndexer.Report = .init(),
    cachedFiles: Int = 0
  ) {
    self.definitions = definitions
    var byName: [String: [Definition]] = [:]
    for path in definitions.keys.sorted() {
      for d in definitions[path] ?? [] { byName[d.name, default: []].append(d) }
    }
    self.byName = byName
    self.report = report
    self.cachedFiles = cachedFiles
  }

  /// An index from the patterns alone (no process, no cache): for contexts built in memory.
  package static func patterns(files: [String: String]) -> RepositoryIndex {
    var definitions: [String: [Definition]] = [:]
    for (path, text) in files { definitions[path] = FallbackDefinitions.find(in: text, path: path) }
    return RepositoryIndex(definitions: definitions)
  }

  /// Indexes `files`, reading cached definitions for blobs indexed before.
  /// - Parameters:
  ///   - files: Path → text.
  ///   - blobs: Path → blob id, for the cache; paths without one are always indexed.
  ///   - store: The cache, or `nil` for none.
  ///   - indexer: How uncached files are indexed.
  /// - Returns: The index; a cache that cannot be read or written only costs time.
  package static func build(
    files: [String: String], blobs: [String: String], store: Store?,
    indexer: DefinitionIndexer = .init()
  ) async -> RepositoryIndex {
    var definitions: [String: [Definition]] = [:]
    let cached =
      (try? store?.cachedDefinitions(
        blobs: Array(Set(files.keys.compactMap { blobs[$0] })), indexer: DefinitionIndexer.version))
      ?? [:]
    var missing: [String: String] = [:]
    for (path, text) in files {
      if let blob = blobs[path], let list = cached[blob] {
        definitions[path] = list.map { definition in
          var moved = definition
          moved.path = path
          return moved
        }
      } else {
        missing[path] = text
      }
    }
    let (fresh, report) = await indexer.definitions(of: missing)
    var toCache: [String: [Definition]] = [:]
    for (path, list) in fresh {
      definitions[path] = list
      if let blob = blobs[path] { toCache[blob] = list }
    }
    // Pattern results stand in for a missing ctags; caching them would keep them after it is
    // installed.
    if report.ctagsProblem == nil {
      try? store?.cache(definitions: toCache, indexer: DefinitionIndexer.version)
    }
    return RepositoryIndex(
      definitions: definitions, report: report, cachedFiles: files.count - missing.count)
  }

  /// Every definition of `name`, in path then line order.
  package func named(_ name: String) -> [Definition] {
    byName[name] ?? []
  }

  /// The names defined anywhere.
  package var names: Set<String> { Set(byName.keys) }

  /// The innermost definition of `path` that contains `line` (1-based).
  package func innermost(path: String, line: Int) -> Definition? {
    definitions[path, default: []].filter { $0.contains(line: line) }.min {
      $0.lineCount < $1.lineCount
    }
  }

  /// The outline of `path`: its definitions in line order.
  package func outline(_ path: String) -> [Definition] { definitions[path] ?? [] }
}
