/// The design decision of a multi-file change, made once and given to every migration sub-agent
/// as typed assumptions: the new name, the new exception class and its module, the destination.
///
/// The reconciler checks every sub-agent's edits against it (``ContractCheck``): a sub-agent that
/// used another name is a conflict, and the old name may survive only where ``allowedLeftovers``
/// says.
package struct Contract: Sendable, Equatable, Codable {
  /// The kind of change.
  package var action: ChangeIntent.Action
  /// The name every site used to say (a rename's `from`, the replaced API).
  package var oldName: String?
  /// The name every site must say afterwards (the new name, the new exception class).
  package var newName: String?
  /// The module the new name lives in, when the change creates or moves it (`pkg/errors.py`).
  package var module: String?
  /// Paths where the old name may stay (a deprecation alias the task asked for, a changelog).
  package var allowedLeftovers: [String]
  /// A new exception class's bases after `oldName` (`ValueError` in `class E(SQLParseError,
  /// ValueError)`); `nil` when it has one.
  package var otherBases: [String]?
  /// The package `__init__.py` that must re-export the new name, when the task asks for it.
  package var exportModule: String?

  /// Creates a contract.
  package init(
    action: ChangeIntent.Action, oldName: String? = nil, newName: String? = nil,
    module: String? = nil, allowedLeftovers: [String] = []
  ) {
    self.action = action
    self.oldName = oldName
    self.newName = newName
    self.module = module
    self.allowedLeftovers = allowedLeftovers
  }

  /// The contract an intent implies, when its parts must agree on a name; `nil` for fixes,
  /// features and questions.
  /// - Parameter lookup: Finds whether the new name exists and where the symbols live.
  package static func decide(for intent: ChangeIntent, lookup: any DefinitionLookup) -> Contract? {
    switch intent.action {
    case .rename, .replaceAPI:
      guard let from = intent.from ?? intent.symbols.first, let to = intent.to, from != to else {
        return nil
      }
      return Contract(action: intent.action, oldName: from, newName: to)
    case .move:
      guard let symbol = intent.symbols.first ?? intent.from, let to = intent.to else { return nil }
      return Contract(action: .move, oldName: symbol, newName: symbol, module: to)
    case .exception:
      guard let type = intent.to, IdentifierWords.isIdentifier(type) else { return nil }
      // Where the class is, else where the task puts it, else beside its base, else beside the
      // code that raises it.
      let existing = lookup.definitions(of: type).first { $0.topLevel }?.path
      let baseHome = intent.from.flatMap { lookup.definitions(of: $0).first { $0.topLevel }?.path }
      var contract = Contract(
        action: .exception, oldName: intent.from, newName: type,
        module: existing ?? intent.module.map { placed($0, raising: intent.from, lookup: lookup) }
          ?? baseHome
          ?? newModule(near: intent.symbols, lookup: lookup))
      contract.otherBases = intent.otherBases.flatMap { $0.isEmpty ? nil : $0 }
      contract.exportModule = exportModule(of: intent.exportedAs, name: type, lookup: lookup)
      return contract
    case .signature:
      guard let symbol = intent.symbols.first ?? intent.from else { return nil }
      return Contract(action: .signature, oldName: symbol, newName: symbol)
    case .fix, .feature, .refactor, .question:
      return nil
    }
  }

  /// Whether a sub-agent's edits must leave no word `oldName` behind (renames and API
  /// replacements; an exception change keeps the old type valid elsewhere).
  package var forbidsOldName: Bool { action == .rename || action == .replaceAPI }

  /// Whether `site` is one this change edits. A signature change edits the definition and the
  /// code that calls it (as far as the index resolves it); imports, re-exports and docs name the
  /// function the same way afterwards, and the tests judge the change rather than take part in it.
  /// An exception change edits the statements that raise the old type outside tests; handlers
  /// of the old type keep catching the new one, which subclasses it.
  package func edits(_ site: MigrationSite) -> Bool {
    switch action {
    case .signature:
      let calling: Set<MigrationSite.Kind> = [.definition, .call, .moduleAttribute, .reference]
      return calling.contains(site.kind) && !site.inTest && site.resolved
    case .exception:
      return site.kind == .raise && !site.inTest
    default:
      return true
    }
  }

  /// Whether `sites` hold what this change is anchored on, so a tool may plan it: the old name's
  /// definition, or for an exception change a statement that raises the old type.
  package func isAnchored(by sites: [MigrationSite]) -> Bool {
    sites.contains { $0.kind == (action == .exception ? .raise : .definition) }
  }

  /// The line that imports the new name in a file outside its module (`from pkg.errors import
  /// InvalidSizeError`), when this change defines a name in a module.
  package var importLine: String? {
    guard let module, module.hasSuffix(".py"), let newName else { return nil }
    var parts = module.dropLast(3).split(separator: "/").map(String.init)
    if parts.last == "__init__" { parts.removeLast() }
    guard !parts.isEmpty, parts.allSatisfy(IdentifierWords.isIdentifier) else { return nil }
    return "from \(parts.joined(separator: ".")) import \(newName)"
  }

  /// The assumptions as the proposal stores them and prompts show them.
  package var assumptions: [String: String] {
    var values = ["action": action.rawValue]
    if let oldName { values["old_name"] = oldName }
    if let newName { values["new_name"] = newName }
    if let module { values["module"] = module }
    if let otherBases { values["other_bases"] = otherBases.joined(separator: ", ") }
    if let exportModule { values["exported_by"] = exportModule }
    if !allowedLeftovers.isEmpty {
      values["old_name_allowed_in"] = allowedLeftovers.joined(separator: ", ")
    }
    return values
  }

  /// The lines a migration sub-agent's goal carries, so every part uses the same decision.
  package var promptText: String {
    var lines = [
      "Shared contract (every part of this change uses exactly this; do not rename otherwise):"
    ]
    switch action {
    case .rename, .replaceAPI:
      lines.append(
        "- `\(oldName ?? "")` becomes `\(newName ?? "")`; no `\(oldName ?? "")` may remain.")
    case .move:
      lines.append("- `\(oldName ?? "")` now lives in `\(module ?? "")`; import it from there.")
    case .exception:
      let instead = oldName.map { " instead of `\($0)`" } ?? ""
      let importing = importLine.map { ": import it with `\($0)`" } ?? ""
      lines.append(
        "- raise `\(newName ?? "")`\(instead) where the task says; it is defined in "
          + "`\(module ?? "")`\(importing).")
      if let exportModule {
        lines.append("- `\(exportModule)` re-exports it; that file is not yours to change.")
      }
    case .signature:
      lines.append(
        "- the function is `\(newName ?? "")`; keep its name, change only its parameters.")
    case .fix, .feature, .refactor, .question:
      break
    }
    if !allowedLeftovers.isEmpty {
      lines.append("- the old name may stay only in: \(allowedLeftovers.joined(separator: ", "))")
    }
    return lines.joined(separator: "\n")
  }

  /// The package `__init__.py` a dotted `pkg.sub.Name` names, when it exists and ends in `name`.
  static func exportModule(of dotted: String?, name: String, lookup: any DefinitionLookup)
    -> String?
  {
    guard var parts = dotted?.split(separator: ".").map(String.init), parts.count > 1,
      parts.removeLast() == name
    else { return nil }
    let path = parts.joined(separator: "/") + "/__init__.py"
    return lookup.text(of: path) == nil ? nil : path
  }

  /// A bare file name the task gave ("a new errors.py") inside the one package whose code raises
  /// `base`, when the root has no such file: the class belongs to the package, not beside it.
  static func placed(_ module: String, raising base: String?, lookup: any DefinitionLookup)
    -> String
  {
    guard !module.contains("/"), lookup.text(of: module) == nil, let base else { return module }
    let packages = Set(
      lookup.mentions(of: base).keys.compactMap { path -> String? in
        guard path.hasSuffix(".py"), !lookup.isTest(path),
          let top = path.split(separator: "/").first, path.contains("/"),
          lookup.text(of: "\(top)/__init__.py") != nil
        else { return nil }
        return String(top)
      })
    guard packages.count == 1, let package = packages.first else { return module }
    return package + "/" + module
  }

  /// `errors.py` next to the module that defines the first symbol (or at the root).
  private static func newModule(near symbols: [String], lookup: any DefinitionLookup) -> String {
    let home = symbols.lazy.compactMap { lookup.definitions(of: $0).first?.path }.first
    guard let home, let slash = home.lastIndex(of: "/") else { return "errors.py" }
    return String(home[...slash]) + "errors.py"
  }
}
