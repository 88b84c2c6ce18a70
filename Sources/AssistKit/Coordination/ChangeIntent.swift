/// What a sub-task changes, as the planner states it in its structured output.
///
/// Code decides from this value — whether a sub-task is a fix, which function it is about, what a
/// rename's old and new names are — never from English words in the task text.
package struct ChangeIntent: Sendable, Equatable, Codable {
  /// The kind of change.
  package enum Action: String, Sendable, Equatable, Codable, CaseIterable {
    /// Make existing behaviour correct (a bug, a failing test).
    case fix
    /// Add behaviour (a method, a field, a flag).
    case feature
    /// Give a symbol a new name everywhere it is used (`from` → `to`).
    case rename
    /// Change a function's parameters and thread the change through its callers.
    case signature
    /// Move a symbol to another module (`to`), fixing imports.
    case move
    /// Raise or catch a different exception type (`to`, defined in `module` when new).
    case exception
    /// Replace uses of an API (`from`) with another (`to`).
    case replaceAPI = "replace_api"
    /// Restructure without changing behaviour.
    case refactor
    /// Answer a question about the code; no edit.
    case question
  }

  /// The kind of change.
  package var action: Action
  /// The symbols the change is about, most important first (the function to fix, the function
  /// whose signature changes).
  package var symbols: [String]
  /// The old name or API, for renames and API replacements.
  package var from: String?
  /// The new name, API, exception type or destination module.
  package var to: String?
  /// The module a new exception type is defined in (`pkg/errors.py`), when the task names it.
  package var module: String?
  /// A new exception class's bases after `from` ("a subclass of both `SQLParseError` and
  /// `ValueError`"); `nil` when it has one.
  package var otherBases: [String]?
  /// The dotted name the task wants the new name importable as (`pkg.InvalidOptionError`), so
  /// the package's `__init__.py` re-exports it.
  package var exportedAs: String?
  /// A signature change's new parameter as the task declares it (`strict=False`).
  package var parameter: String?
  /// Whether that parameter is keyword-only.
  package var keywordOnly: Bool?
  /// Whether the new parameter also goes to every function that calls the named ones, passed on
  /// ("… and thread it through its callers").
  package var throughCallers: Bool?
  /// The file whose end the new code goes to (a test added to a test file the task names): the
  /// sub-agent then writes only the new code (``AppendFormat``).
  package var appendsTo: String?

  /// Creates an intent.
  package init(
    action: Action, symbols: [String] = [], from: String? = nil, to: String? = nil,
    module: String? = nil, otherBases: [String]? = nil, exportedAs: String? = nil,
    parameter: String? = nil, keywordOnly: Bool? = nil, throughCallers: Bool? = nil,
    appendsTo: String? = nil
  ) {
    self.action = action
    self.symbols = symbols
    self.from = from
    self.to = to
    self.module = module
    self.otherBases = otherBases
    self.exportedAs = exportedAs
    self.parameter = parameter
    self.keywordOnly = keywordOnly
    self.throughCallers = throughCallers
    self.appendsTo = appendsTo
  }

  /// Reads the planner's `action`, `symbols`, `from` and `to` keys of one sub-task object; `nil`
  /// when `action` is absent (older plans, hand-written plans).
  /// - Throws: ``PlanError/invalid(_:)`` for an unknown action or mistyped keys.
  static func parse(_ item: [String: Any], id: String) throws -> ChangeIntent? {
    guard let raw = item["action"] else { return nil }
    guard let text = raw as? String, let action = Action(rawValue: text) else {
      let known = Action.allCases.map(\.rawValue).joined(separator: ", ")
      throw PlanError.invalid("\(id) has unknown action \"\(raw)\"; use one of \(known)")
    }
    let symbols = (item["symbols"] as? [String] ?? []).map(Self.trimmed).filter { !$0.isEmpty }
    func name(_ key: String) -> String? {
      (item[key] as? String).map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 }
    }
    return ChangeIntent(
      action: action, symbols: symbols, from: name("from"), to: name("to"),
      module: name("module"))
  }

  private static func trimmed(_ text: String) -> String {
    var scalars = Substring(text)
    while let first = scalars.first, first.isWhitespace || first == "`" {
      scalars = scalars.dropFirst()
    }
    while let last = scalars.last, last.isWhitespace || last == "`" { scalars = scalars.dropLast() }
    return String(scalars)
  }
}
