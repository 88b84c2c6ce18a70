/// A rename done by a tool: every site the index resolved rewritten as an exact token, with no
/// model call. The cheapest tier is no model.
package enum MechanicalRename {
  /// Why a rename cannot be done by the tool alone, or `nil` when it can.
  /// - Parameters:
  ///   - contract: The rename's contract.
  ///   - sites: Every site of the old name.
  ///   - lookup: For collisions with the new name.
  package static func obstacle(
    contract: Contract, sites: [MigrationSite], lookup: any DefinitionLookup
  ) -> String? {
    guard contract.action == .rename, let old = contract.oldName, let new = contract.newName else {
      return "not a rename"
    }
    guard IdentifierWords.isIdentifier(old), IdentifierWords.isIdentifier(new) else {
      return "`\(old)` → `\(new)` is not a plain identifier rename"
    }
    guard sites.contains(where: { $0.kind == .definition }) else {
      return "no definition of `\(old)` was found"
    }
    if !lookup.mentions(of: new).isEmpty { return "`\(new)` is already used in the repository" }
    let unresolved = sites.filter { !$0.resolved }
    if let first = unresolved.first {
      return
        "\(unresolved.count) site(s) need judgement (first: \(first.location), \(first.kind.rawValue))"
    }
    return nil
  }

  /// Every file with a site, with `old` rewritten to `new` on the site lines.
  package static func changes(
    old: String, new: String, sites: [MigrationSite], lookup: any DefinitionLookup
  ) -> [EditApplier.FileChange] {
    let byPath = Dictionary(grouping: sites, by: \.path)
    return byPath.keys.sorted().compactMap { path in
      guard let text = lookup.text(of: path) else { return nil }
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      for site in byPath[path] ?? [] {
        for number in site.firstLine...site.lastLine where number <= lines.count {
          lines[number - 1] = IdentifierWords.replacing(
            old, with: new, in: Substring(lines[number - 1]))
        }
      }
      let rewritten = lines.joined(separator: "\n")
      return rewritten == text ? nil : EditApplier.FileChange(path: path, old: text, new: rewritten)
    }
  }
}
