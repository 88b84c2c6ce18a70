internal import Foundation
package import Git

/// What agents may be shown of a repository at the base commit: its files and a symbol map.
///
/// Agents get only what their sub-task needs — its files, the map to find more, and findings of
/// the sub-tasks it depends on — trimmed to the tier's window, with the trimming recorded.
package struct RepoContext: Sendable {
  /// Text files at the base commit, path → content (binary and huge files are left out).
  package var files: [String: String]
  /// Every committed path, including the ones left out of `files`.
  package var paths: [String]
  /// Definitions per text file.
  package var symbols: [String: [String]]
  /// Every definition with its line range (ctags, or the patterns).
  package var index: RepositoryIndex
  /// Where defined names are mentioned.
  package var references: References

  /// Files larger than this are listed in the map but not read (generated data, minified
  /// bundles); below it a file is indexed and shown by slices when it does not fit whole.
  package static let maximumFileBytes = 2_000_000

  /// Creates a context from file contents (tests, and callers that already read the files).
  /// Indexes them with the patterns alone (no process, no cache).
  package init(files: [String: String], paths: [String]? = nil) {
    self.init(files: files, paths: paths, index: .patterns(files: files))
  }

  /// Creates a context from file contents and their index.
  package init(files: [String: String], paths: [String]?, index: RepositoryIndex) {
    self.files = files
    self.paths = paths ?? files.keys.sorted()
    self.index = index
    self.symbols = files.mapValues { _ in [] }
    for path in files.keys {
      var names: [String] = []
      for d in index.outline(path) where !names.contains(d.name) { names.append(d.name) }
      symbols[path] = names
    }
    self.references = References(index: index, files: files)
  }

  /// Reads the files committed at `revision` and indexes them.
  /// - Parameters:
  ///   - repository: The repository.
  ///   - revision: The commit to read.
  ///   - store: The index cache (definitions per blob id), or `nil` for none.
  ///   - indexer: How files missing from the cache are indexed.
  /// - Throws: ``GitError`` when the revision cannot be read.
  package static func load(
    from repository: Repository, revision: String = "HEAD", store: Store? = nil,
    indexer: DefinitionIndexer = .init()
  ) async throws -> RepoContext {
    let blobs = try repository.blobIDs(in: revision)
    let paths = blobs.keys.sorted()
    var files: [String: String] = [:]
    for path in paths {
      guard let bytes = try repository.blob(at: path, in: revision),
        bytes.count <= maximumFileBytes,
        !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self)
      else { continue }
      files[path] = text
    }
    let index = await RepositoryIndex.build(
      files: files, blobs: blobs.mapValues(\.hex), store: store, indexer: indexer)
    return RepoContext(files: files, paths: paths, index: index)
  }

  /// Tokens a text costs, estimated (code runs about 3 to 4 characters per token).
  package static func estimatedTokens(_ text: String) -> Int { (text.utf8.count + 2) / 3 }

  /// The repository map: one line per file with the symbols it defines.
  /// - Parameters:
  ///   - excluding: Files shown in full elsewhere in the prompt.
  ///   - budget: Token limit; files past it are counted, not listed.
  ///   - first: Files listed before the others (the localized places' files, best first).
  package func symbolMap(excluding: Set<String> = [], budget: Int = 1_000, first: [String] = [])
    -> String
  {
    var lines: [String] = []
    var used = 0
    var omitted = 0
    let ordered = first.filter { paths.contains($0) } + paths.filter { !first.contains($0) }
    for path in ordered where !excluding.contains(path) {
      let names = symbols[path] ?? []
      let line = names.isEmpty ? path : "\(path): \(names.prefix(30).joined(separator: ", "))"
      let cost = Self.estimatedTokens(line)
      if used + cost > budget {
        omitted += 1
        continue
      }
      used += cost
      lines.append(line)
    }
    if omitted > 0 { lines.append("(\(omitted) more files not listed)") }
    return lines.isEmpty ? "(no other files)" : lines.joined(separator: "\n")
  }

  /// Files a free-text task or goal points at: named by path or file name, or defining a symbol
  /// it names. Sorted, most mentions first.
  package func relevantFiles(for text: String, limit: Int = 4) -> [String] {
    // Whole tokens keep paths ("src/app.py"); their dotted parts catch "Inventory.add".
    let tokens = text.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "/") }
    var words = Set(tokens.map(String.init))
    for token in tokens { words.formUnion(token.split(separator: ".").map(String.init)) }
    var scores: [String: Int] = [:]
    for path in files.keys {
      let name = (path as NSString).lastPathComponent
      let stem = (name as NSString).deletingPathExtension
      if words.contains(path) || words.contains(name) { scores[path, default: 0] += 10 }
      if stem.count > 3, words.contains(stem) { scores[path, default: 0] += 3 }
      for symbol in symbols[path] ?? [] where symbol.count > 2 && words.contains(symbol) {
        scores[path, default: 0] += 2
      }
      // Symbols used (called) by name count a little: a rename touches the callers too.
      if let content = files[path] {
        for word in words where word.count > 3 && !isTestFile(path) && content.contains(word + "(")
        {
          scores[path, default: 0] += 1
        }
      }
    }
    return scores.filter { $0.value > 0 }.sorted {
      $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key)
    }
    .prefix(limit).map(\.key)
  }

  /// Whether `path` looks like a test file (never the target of an edit unless named).
  package func isTestFile(_ path: String) -> Bool { Self.looksLikeTest(path) }

  /// Whether `path` looks like a test file, by its name and folder.
  package static func looksLikeTest(_ path: String) -> Bool {
    let name = (path as NSString).lastPathComponent.lowercased()
    return name.hasPrefix("test_") || name.contains("_test.") || name.contains(".test.")
      || name.contains(".spec.")
      || path.hasPrefix("tests/") || path.hasPrefix("test/") || path.contains("/tests/")
  }

  /// The files a sub-task may change: those it names that exist, else the non-test files its goal
  /// and task point at. When the task is to make failing tests pass (`fixingTests`) and only tests
  /// are in scope, the scope is the code those tests import instead: the tests are the judge, not
  /// the target.
  /// Without named files, the files of the strong places (at least half the best score) come
  /// before the word match of goal and task.
  package func editScope(
    named: [String], goal: String, task: String, fixingTests: Bool, places: [Place] = []
  ) -> [String] {
    var scope = named.filter { files[$0] != nil }
    if scope.isEmpty, let best = places.first?.score {
      for place in places where place.score * 2 >= best && !scope.contains(place.path) {
        scope.append(place.path)
      }
      let sources = scope.filter { !isTestFile($0) }
      scope = sources.isEmpty ? scope : sources
    }
    if scope.isEmpty {
      let relevant = relevantFiles(for: goal + " " + task)
      let sources = relevant.filter { !isTestFile($0) }
      scope = sources.isEmpty ? relevant : sources
    }
    if fixingTests, !scope.isEmpty, scope.allSatisfy(isTestFile) {
      let tested = sources(testedBy: scope)
      if !tested.isEmpty { return tested }
    }
    return scope
  }

  /// The non-test files that `tests` refer to by module name (`from mathutils import`,
  /// `require('./strings')`, `#include "stats.h"`), sorted: what making those tests pass edits.
  package func sources(testedBy tests: [String]) -> [String] {
    let texts = tests.compactMap { files[$0] }
    return files.keys.filter { path in
      guard !isTestFile(path) else { return false }
      let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
      return stem.count >= 3 && texts.contains { $0.contains(stem) }
    }.sorted()
  }

  /// The named files as fenced blocks, trimmed to `budget` tokens.
  /// - Returns: The text and the files left out (recorded by the caller).
  package func render(files names: [String], budget: Int) -> (text: String, omitted: [String]) {
    var blocks: [String] = []
    var omitted: [String] = []
    var used = 0
    for path in names {
      guard let content = files[path] else {
        omitted.append(path)
        continue
      }
      let block = "\(path)\n```\n\(content)\(content.hasSuffix("\n") ? "" : "\n")```"
      let cost = Self.estimatedTokens(block)
      if used + cost > budget {
        omitted.append(path)
        continue
      }
      used += cost
      blocks.append(block)
    }
    return (blocks.joined(separator: "\n\n"), omitted)
  }
}
