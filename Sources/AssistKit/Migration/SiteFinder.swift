internal import Foundation

/// Lists every place a name occurs, as typed ``MigrationSite``s: a tool, not a model.
///
/// Python files are classified line by line (definitions, calls, `from m import a, b`, `m.a`
/// after `import m`, re-exports in `__init__.py`, `__all__`, comments and docstrings); docs by
/// extension; other code by word search, unresolved (a model judges those).
package struct SiteFinder: Sendable {
  /// The index the sites come from.
  package var lookup: any DefinitionLookup

  /// Creates a finder over `lookup`.
  package init(lookup: any DefinitionLookup) { self.lookup = lookup }

  /// The names an intent's sites are found by: the old name, then its symbols.
  package static func names(of intent: ChangeIntent) -> [String] {
    var names: [String] = []
    if let from = intent.from, IdentifierWords.isIdentifier(from) { names.append(from) }
    for symbol in intent.symbols where IdentifierWords.isIdentifier(symbol) {
      if !names.contains(symbol) { names.append(symbol) }
    }
    return names
  }

  /// Every site of every name `intent` is about, in path and line order.
  package func sites(for intent: ChangeIntent) -> [MigrationSite] {
    Array(Set(Self.names(of: intent).flatMap(sites(of:)))).sorted {
      ($0.path, $0.firstLine, $0.kind.rawValue) < ($1.path, $1.firstLine, $1.kind.rawValue)
    }
  }

  /// The sites `contract`'s change edits. An exception change whose intent names functions
  /// (the planner's "raise it in chunked and windowed") edits only the raises inside them.
  package func sites(for intent: ChangeIntent, contract: Contract) -> [MigrationSite] {
    let sites = sites(for: intent).filter(contract.edits)
    guard contract.action == .exception else { return sites }
    let scopes = intent.symbols.filter { $0 != intent.from && $0 != intent.to }
      .flatMap(lookup.definitions(of:))
    guard !scopes.isEmpty else { return sites }
    return sites.filter { site in
      scopes.contains {
        $0.path == site.path && ($0.firstLine...$0.lastLine).contains(site.firstLine)
      }
    }
  }

  /// Every site of `name`.
  package func sites(of name: String) -> [MigrationSite] {
    let definitions = lookup.definitions(of: name)
    let definingFiles = Set(definitions.filter(\.topLevel).map(\.path))
    var definingModules = Set(
      definingFiles.map { ((($0 as NSString).lastPathComponent) as NSString).deletingPathExtension }
    )
    let mentions = lookup.mentions(of: name)
    // A package whose __init__.py imports the name offers it too: `filters.ReindentFilter`.
    for (path, numbers) in mentions where (path as NSString).lastPathComponent == "__init__.py" {
      guard let text = lookup.text(of: path) else { continue }
      let scan = PythonFileScan(
        lines: text.split(separator: "\n", omittingEmptySubsequences: false))
      let imports = numbers.contains { number in
        guard number <= scan.statements.count, case .fromImport = scan.statements[number - 1]
        else { return false }
        return true
      }
      let package = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
      if imports && !package.isEmpty { definingModules.insert(package) }
    }
    // Only methods define a name of several words (`get_real_name`): its attribute uses are
    // taken as these methods', which the tests then check; a one-word method name (`get`,
    // `close`) is too likely another object's and stays for a model to judge.
    let ownMethod =
      !definitions.isEmpty && definitions.allSatisfy { !$0.topLevel }
      && IdentifierWords.isCompound(name)
    var sites: [MigrationSite] = []
    for (path, numbers) in mentions.sorted(by: { $0.key < $1.key }) {
      guard let text = lookup.text(of: path) else { continue }
      let test = lookup.isTest(path)
      if Self.isDocumentation(path) && !text.hasPrefix("#!") {
        sites += numbers.map {
          MigrationSite(path: path, firstLine: $0, kind: .documentation, inTest: test)
        }
        continue
      }
      guard SourceLanguage(path: path) == .python else {
        sites += numbers.map {
          MigrationSite(path: path, firstLine: $0, kind: .reference, inTest: test, resolved: false)
        }
        continue
      }
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      let scan = PythonFileScan(lines: lines)
      let fileDefinitions = definitions.filter { $0.path == path }
      for number in numbers {
        if let definition = fileDefinitions.first(where: { $0.firstLine == number }) {
          // A method of the same name defines another symbol: not this one's to rewrite.
          sites.append(
            MigrationSite(
              path: path, firstLine: number, lastLine: definition.lastLine, kind: .definition,
              inTest: test, resolved: definition.topLevel || ownMethod))
          continue
        }
        sites.append(
          classify(
            name, line: lines[number - 1], number: number, path: path, scan: scan, inTest: test,
            modules: definingModules, ownMethod: ownMethod,
            knownHere: definingFiles.contains(path) || scan.importedNames.contains(name)))
      }
    }
    return sites
  }

  /// One Python line that mentions `name` and does not define it.
  private func classify(
    _ name: String, line: Substring, number: Int, path: String, scan: PythonFileScan,
    inTest: Bool, modules: Set<String>, ownMethod: Bool, knownHere: Bool
  ) -> MigrationSite {
    func site(_ kind: MigrationSite.Kind, resolved: Bool = true) -> MigrationSite {
      MigrationSite(path: path, firstLine: number, kind: kind, inTest: inTest, resolved: resolved)
    }
    let isInit = (path as NSString).lastPathComponent == "__init__.py"
    switch scan.statements[number - 1] {
    case .fromImport: return site(isInit ? .reexport : .importName)
    case .importModule: return site(.importName, resolved: false)  // a module named like it
    case .exportList: return site(.exportList)
    case .docstring: return site(.comment)
    case .code: break
    }
    let ranges = IdentifierWords.ranges(of: name, in: line)
    if ranges.allSatisfy({ PythonFileScan.inCommentOrString($0, of: line) }) {
      return site(.comment)
    }
    // `m.name`: the symbol when `m` is an imported module that defines it (`pkg.core.name` after
    // `import pkg.core`, `c.name` after `from pkg import core as c`); else an attribute of
    // something the tool cannot see (a method, a field), which a model must judge.
    for range in ranges where range.lowerBound > line.startIndex {
      guard line[line.index(before: range.lowerBound)] == "." else { continue }
      let chain = String(
        line[..<line.index(before: range.lowerBound)].reversed()
          .prefix { IdentifierWords.isWordCharacter($0) || $0 == "." }.reversed())
      let head = String(chain.prefix { $0 != "." })
      let expanded = (scan.targets[head] ?? "") + chain.dropFirst(head.count)
      let last = String(expanded.split(separator: ".").last ?? "")
      let module = scan.targets[head] != nil
      return site(
        .moduleAttribute, resolved: module ? modules.contains(last) : ownMethod)
    }
    let statement = line.drop { $0 == " " || $0 == "\t" }
    if statement.hasPrefix("raise "),
      let range = ranges.first, range.lowerBound == line.index(statement.startIndex, offsetBy: 6)
    {
      return site(.raise)
    }
    let called = ranges.contains { range in
      line[range.upperBound...].drop { $0 == " " }.first == "("
    }
    return site(called ? .call : .reference, resolved: knownHere)
  }

  /// Whether `path` is documentation (README, Markdown, reStructuredText, plain text, a file with
  /// no extension).
  package static func isDocumentation(_ path: String) -> Bool {
    let name = (path as NSString).lastPathComponent.lowercased()
    // A file with no extension (CHANGELOG, AUTHORS, NEWS) is prose, not code.
    return name.hasSuffix(".md") || name.hasSuffix(".rst") || name.hasSuffix(".txt")
      || name.hasPrefix("readme") || !name.contains(".")
  }
}
