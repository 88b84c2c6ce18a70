/// The quantization-hallucination check: names a change newly references (calls, attribute
/// accesses, imports) must appear somewhere in the repository at the base, be defined by the change
/// itself, or be a keyword, builtin or standard module of the file's language.
package struct IdentifierCheck: Sendable {
  /// Every name that appears anywhere in the repository at the base.
  package var repositoryNames: Set<String>
  /// The folder names and file stems of the repository's paths (its importable modules).
  package var moduleNames: Set<String>

  /// Creates a check over the names of a repository.
  package init(repositoryNames: Set<String>, moduleNames: Set<String> = []) {
    self.repositoryNames = repositoryNames
    self.moduleNames = moduleNames
  }

  /// The folder names and file stems of `paths` (`src/app/util.py` gives src, app, util).
  static func moduleNames(of paths: [String]) -> Set<String> {
    var names = Set<String>()
    for path in paths {
      for component in path.split(separator: "/") {
        names.insert(String(component.split(separator: ".").first ?? component))
      }
    }
    return names
  }

  /// Collects the names of every text file of `base`.
  ///
  /// - Throws: What reading the base throws.
  package init(base: some EditBase) throws {
    var names = Set<String>()
    let paths = try base.paths()
    for path in paths {
      if let text = try base.text(at: path) { names.formUnion(IdentifierScanner.names(in: text)) }
    }
    self.init(repositoryNames: names, moduleNames: Self.moduleNames(of: paths))
  }

  /// The suspects among the names `files` newly reference.
  ///
  /// - Parameter files: Each changed file's old and new content (files of unknown languages and
  ///   deletions are skipped).
  /// - Returns: Suspects in file and line order.
  package func suspects(in files: [EditApplier.FileChange]) -> [IdentifierSuspect] {
    let modules = moduleNames.union(Self.moduleNames(of: files.map(\.path)))
    var scans: [(path: String, scanner: IdentifierScanner, added: Set<Int>)] = []
    for file in files {
      guard let new = file.new, let language = SourceLanguage(path: file.path) else { continue }
      let scanner = IdentifierScanner(text: new, language: language, isModule: modules.contains)
      scans.append((file.path, scanner, Self.addedLines(old: file.old ?? "", new: new)))
    }
    var suspects: [IdentifierSuspect] = []
    for (path, scanner, added) in scans {
      // An import is not vouched for by its own binding, only by the repository or another file.
      let elsewhere = scans.filter { $0.path != path }.reduce(into: Set<String>()) {
        $0.formUnion($1.scanner.definitions)
      }
      var seen = Set<String>()
      for reference in scanner.references where added.contains(reference.line) {
        let name = reference.name
        let known =
          repositoryNames.contains(name) || modules.contains(name) || elsewhere.contains(name)
          || scanner.language.knownNames.contains(name)
          || (reference.kind != .import && scanner.definitions.contains(name))
        guard !known, seen.insert(name).inserted else { continue }
        suspects.append(
          IdentifierSuspect(path: path, line: reference.line + 1, name: name, kind: reference.kind))
      }
    }
    return suspects
  }

  /// The 0-based lines of `new` that are not in `old` (by longest common subsequence).
  static func addedLines(old: String, new: String) -> Set<Int> {
    let before = old.editLines
    let after = new.editLines
    // Equal head and tail first, so the quadratic part only sees the changed middle.
    var head = 0
    while head < before.count, head < after.count, before[head] == after[head] { head += 1 }
    var tail = 0
    while tail < before.count - head, tail < after.count - head,
      before[before.count - 1 - tail] == after[after.count - 1 - tail]
    {
      tail += 1
    }
    let oldMiddle = Array(before[head..<before.count - tail])
    let newMiddle = Array(after[head..<after.count - tail])
    // A rewrite too large to align cheaply: every line of the changed middle counts as added
    // (more names checked, never fewer).
    guard oldMiddle.count * newMiddle.count <= 4_000_000 else {
      return Set(head..<after.count - tail)
    }
    let kept = Matcher.alignment(oldMiddle, newMiddle)
    return Set(kept.indices.filter { kept[$0] == nil }.map { $0 + head })
  }
}
