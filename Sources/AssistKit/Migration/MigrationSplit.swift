/// Expands a plan's multi-file migrations into one sub-task per file, each told only its file's
/// sites and the shared ``Contract``; a rename whose every site the index resolved becomes one
/// sub-task done by the tool.
package struct MigrationSplit: Sendable {
  /// The index sites come from.
  package var lookup: any DefinitionLookup

  /// Completes a planner's intent that lacks `from` or `to` from its sub-task's goal.
  package var patterns: TaskIntentPatterns

  /// Creates a splitter over `lookup`.
  package init(lookup: any DefinitionLookup, patterns: TaskIntentPatterns = TaskIntentPatterns()) {
    self.lookup = lookup
    self.patterns = patterns
  }

  /// `subtask`'s intent, with `from` and `to` filled from its goal when the planner left them out
  /// and the goal reads as the same action.
  private func completed(_ subtask: Subtask) -> ChangeIntent? {
    guard var intent = subtask.intent else { return nil }
    guard intent.to == nil || intent.from == nil,
      let read = patterns.intent(of: subtask.goal), read.action == intent.action
    else { return intent }
    intent.from = intent.from ?? read.from
    intent.to = intent.to ?? read.to
    intent.parameter = intent.parameter ?? read.parameter
    intent.keywordOnly = intent.keywordOnly ?? read.keywordOnly
    intent.throughCallers = intent.throughCallers ?? read.throughCallers
    if intent.symbols.isEmpty { intent.symbols = read.symbols }
    return intent
  }

  /// What the split decided for a plan.
  package struct Outcome: Sendable {
    /// The plan after expansion (unchanged when nothing spans files).
    package var plan: Plan
    /// Changes made by the tool, per sub-task id: those sub-tasks need no model.
    package var toolChanges: [String: [EditApplier.FileChange]]
    /// What the tool did, per sub-task id ("done by tool: N sites in M files, no model").
    package var toolNotes: [String: String]
    /// One line per decision, for the run's notices.
    package var notes: [String]
  }

  /// Expands every migration sub-task whose intent has a contract and sites in several files.
  package func expand(_ plan: Plan) -> Outcome {
    var subtasks: [Subtask] = []
    var tool: [String: [EditApplier.FileChange]] = [:]
    var notes: [String] = []
    var toolNotes: [String: String] = [:]
    var contract = plan.contract
    // Ids that expansion replaced → the ids that now do their work, for dependents; a second
    // sub-task with the same contract (the planner scoped one change twice) is the first one's.
    var replaced: [String: [String]] = [:]
    var expandedContracts: [(Contract, [String])] = []
    for subtask in plan.subtasks {
      guard subtask.kind == .migration, let intent = completed(subtask),
        let decided = Contract.decide(for: intent, lookup: lookup)
      else {
        subtasks.append(subtask)
        continue
      }
      if let earlier = expandedContracts.first(where: { $0.0 == decided }) {
        replaced[subtask.id] = earlier.1
        notes.append("\(subtask.id): the same change as \(earlier.1.joined(separator: ", "))")
        continue
      }
      var sites = SiteFinder(lookup: lookup).sites(for: intent, contract: decided)
      // An exception change's raises, narrowed to the functions the intent names or the
      // modules the goal names ("in the formatter", "the filter stack"): then the scope is
      // explicit and the tool may rewrite them.
      var explicitScope = intent.symbols.contains { $0 != intent.from && $0 != intent.to }
      if decided.action == .exception, !explicitScope {
        let named = Set(sites.map(\.path)).filter { ModuleWords.named($0, in: subtask.goal) }
        if !named.isEmpty {
          sites = sites.filter { named.contains($0.path) }
          explicitScope = true
        }
      }
      contract = contract ?? decided
      let files = Set(sites.map(\.path))
      if decided.action == .move, let module = decided.module,
        case .changes(let changes) = MechanicalMove.move(
          symbols: intent.symbols.isEmpty ? [decided.oldName ?? ""] : intent.symbols, to: module,
          lookup: lookup)
      {
        var done = subtask
        done.files = changes.map(\.path)
        subtasks.append(done)
        tool[subtask.id] = changes
        expandedContracts.append((decided, [subtask.id]))
        let note = "done by tool: moved to \(module), \(changes.count) files, no model"
        toolNotes[subtask.id] = note
        notes.append("\(subtask.id): \(note)")
        continue
      }
      if decided.action == .signature, let threading = threaded(intent, subtask: subtask) {
        var done = subtask
        done.files = threading.changes.map(\.path)
        subtasks.append(done)
        tool[subtask.id] = threading.changes
        let behaviour = behaviourParts(threading, after: subtask, parameter: intent.parameter ?? "")
        subtasks += behaviour
        expandedContracts.append((decided, [subtask.id] + behaviour.map(\.id)))
        let left = threading.needsBehaviour.map { "`\($0.name)`" }.joined(separator: ", ")
        let note =
          "done by tool: `\(intent.parameter ?? "")` added in \(threading.changes.count) file(s), "
          + "passed on at \(threading.passedOn) call(s), no model"
          + (left.isEmpty ? "" : "; left to a model: what \(left) does with it")
        toolNotes[subtask.id] = note
        notes.append("\(subtask.id): \(note)")
        continue
      }
      if MechanicalRename.obstacle(contract: decided, sites: sites, lookup: lookup) == nil,
        let old = decided.oldName, let new = decided.newName
      {
        let changes = MechanicalRename.changes(old: old, new: new, sites: sites, lookup: lookup)
        var done = subtask
        done.files = changes.map(\.path)
        subtasks.append(done)
        tool[subtask.id] = changes
        expandedContracts.append((decided, [subtask.id]))
        toolNotes[subtask.id] =
          "done by tool: \(sites.count) sites in \(files.count) files, no model"
        notes.append(
          "\(subtask.id): done by tool: \(sites.count) sites in \(files.count) files, no model")
        continue
      }
      let codeFiles = files.filter { !SiteFinder.isDocumentation($0) || decided.forbidsOldName }
      let newClass = ExceptionClass.change(for: decided, lookup: lookup)
      guard codeFiles.count > 1 || newClass != nil else {
        var scoped = subtask
        scoped.goal += "\n\n" + decided.promptText
        if !codeFiles.isEmpty { scoped.files = codeFiles.sorted() }
        subtasks.append(scoped)
        expandedContracts.append((decided, [subtask.id]))
        continue
      }
      if decided.action == .exception, explicitScope,
        let raises = ExceptionClass.raises(for: decided, sites: sites, lookup: lookup)
      {
        let made = [newClass, ExceptionClass.export(for: decided, lookup: lookup)].compactMap { $0 }
        let changes = made + raises
        var done = subtask
        done.files = changes.map(\.path)
        subtasks.append(done)
        tool[subtask.id] = changes
        expandedContracts.append((decided, [subtask.id]))
        let note =
          "done by tool: \(sites.count) raise(s) in \(raises.count) file(s)"
          + (newClass.map { " and `\(decided.newName ?? "")` in \($0.path)" } ?? "") + ", no model"
        toolNotes[subtask.id] = note
        notes.append("\(subtask.id): \(note)")
        continue
      }
      var (parts, note) = perFile(subtask, sites: sites, contract: decided)
      if let newClass, let design = parts.first, design.kind == .design {
        // The class itself is one line of Python the contract already states: no model.
        let changes =
          [newClass] + [ExceptionClass.export(for: decided, lookup: lookup)].compactMap { $0 }
        parts[0].files = changes.map(\.path)
        tool[design.id] = changes
        let how = newClass.old == nil ? "created" : "added to"
        let exported = changes.count > 1 ? " and re-exported by \(changes[1].path)" : ""
        toolNotes[design.id] =
          "done by tool: `\(decided.newName ?? "")` \(how) \(newClass.path)\(exported), no model"
        note += "; \(toolNotes[design.id] ?? "")"
      }
      subtasks += parts
      notes.append(note)
      replaced[subtask.id] = parts.map(\.id)
      expandedContracts.append((decided, parts.map(\.id)))
    }
    for index in subtasks.indices {
      var seen: Set<String> = []
      subtasks[index].dependsOn = subtasks[index].dependsOn.flatMap { replaced[$0] ?? [$0] }
        .filter { seen.insert($0).inserted }
    }
    var expanded = plan
    expanded.subtasks = subtasks
    expanded.contract = contract
    return Outcome(plan: expanded, toolChanges: tool, toolNotes: toolNotes, notes: notes)
  }

  /// A signature change threaded by the tool through the functions the goal names, or `nil` when
  /// the intent lacks the parameter or the tool meets an obstacle.
  private func threaded(_ intent: ChangeIntent, subtask: Subtask) -> MechanicalSignature.Threading?
  {
    guard let declared = intent.parameter, let first = intent.symbols.first ?? intent.from,
      let parameter = MechanicalSignature.Parameter(
        declaration: declared, keywordOnly: intent.keywordOnly ?? false)
    else { return nil }
    var functions = MechanicalSignature.functions(
      namedIn: subtask.goal, first: first, also: intent.symbols, lookup: lookup)
    if intent.throughCallers == true {
      functions += MechanicalSignature.callers(of: functions, lookup: lookup)
    }
    guard
      case .threaded(let threading) = MechanicalSignature.thread(
        parameter, through: functions, lookup: lookup)
    else { return nil }
    return threading
  }

  /// One model sub-task per function that received the parameter and passes it nowhere: the
  /// behaviour the task asks of it there, written on top of the tool's signatures.
  private func behaviourParts(
    _ threading: MechanicalSignature.Threading, after subtask: Subtask, parameter: String
  ) -> [Subtask] {
    let name = MechanicalSignature.Parameter(declaration: parameter, keywordOnly: false)?.name
    return threading.needsBehaviour.enumerated().map { index, left in
      Subtask(
        id: "\(subtask.id).\(index + 1)", kind: .migration,
        goal: "\(subtask.goal)\n\nAlready done by tool: `\(parameter)` is in the signatures and "
          + "passed on where the functions call each other. Left for this part: make `\(left.name)` "
          + "in \(left.path) use `\(name ?? parameter)` as the task says; change only its body.",
        files: [left.path], dependsOn: [subtask.id], difficulty: subtask.difficulty,
        intent: ChangeIntent(action: .feature, symbols: [left.name]))
    }
  }

  /// One sub-task per file, after a design sub-task when the contract's module is new.
  private func perFile(_ subtask: Subtask, sites: [MigrationSite], contract: Contract)
    -> ([Subtask], String)
  {
    var parts: [Subtask] = []
    var after = subtask.dependsOn
    let classMissing =
      contract.action == .exception
      && !lookup.definitions(of: contract.newName ?? "").contains { $0.path == contract.module }
    if let module = contract.module, let name = contract.newName,
      lookup.text(of: module) == nil || classMissing
    {
      let design = Subtask(
        id: subtask.id + "-design", kind: .design,
        goal: "Create \(module) defining `\(name)` for this change: \(subtask.goal)\n\n"
          + contract.promptText,
        files: [module], dependsOn: subtask.dependsOn, difficulty: subtask.difficulty,
        intent: ChangeIntent(action: .feature, symbols: [name]))
      parts.append(design)
      after.append(design.id)
    }
    let byPath = Dictionary(grouping: sites, by: \.path)
    // A signature change starts where the function is defined; its callers' parts come after
    // it, so each is written and tested against the new signature.
    let definedIn =
      contract.action == .signature
      ? sites.first { $0.kind == .definition && !$0.inTest }?.path : nil
    let paths = byPath.keys.sorted { a, b in
      b != definedIn && (a == definedIn || a < b)
    }
    for (index, path) in paths.enumerated() {
      let here = byPath[path] ?? []
      let list = here.map {
        "line \($0.firstLine)" + ($0.lastLine > $0.firstLine ? "-\($0.lastLine)" : "")
          + " (\($0.kind.rawValue))"
      }
      parts.append(
        Subtask(
          id: "\(subtask.id).\(index + 1)", kind: .migration,
          goal: "\(subtask.goal)\n\nChange only \(path), at: \(list.joined(separator: ", ")).\n"
            + contract.promptText,
          files: [path], dependsOn: after, difficulty: subtask.difficulty, intent: subtask.intent))
      if path == definedIn { after.append(parts[parts.count - 1].id) }
    }
    return (
      parts,
      "\(subtask.id): split by tool into \(byPath.count) per-file sub-tasks (\(sites.count) sites)"
    )
  }
}

/// The class an exception change introduces, written by the tool: `class New(Old): pass`,
/// appended to its module (created when new). Only when the base is defined in that module or
/// not in the repository at all (a builtin such as `ValueError`); a base defined elsewhere needs
/// an import the planner's design step chooses.
package enum ExceptionClass {
  /// The file change that defines the contract's new exception, or `nil` when the tool should not.
  package static func change(for contract: Contract, lookup: any DefinitionLookup)
    -> EditApplier.FileChange?
  {
    guard contract.action == .exception, let name = contract.newName,
      let module = contract.module, module.hasSuffix(".py"),
      IdentifierWords.isIdentifier(name),
      !lookup.definitions(of: name).contains(where: { $0.path == module })
    else { return nil }
    let bases = [contract.oldName ?? "Exception"] + (contract.otherBases ?? [])
    for base in bases {
      guard IdentifierWords.isIdentifier(base) else { return nil }
      let homes = Set(lookup.definitions(of: base).filter(\.topLevel).map(\.path))
      guard homes.isEmpty || homes == [module] else { return nil }
    }
    let definition = "class \(name)(\(bases.joined(separator: ", "))):\n    pass\n"
    guard let old = lookup.text(of: module) else {
      return EditApplier.FileChange(path: module, old: nil, new: definition)
    }
    var body = old
    while body.hasSuffix("\n") { body.removeLast() }
    let new = body.isEmpty ? definition : body + "\n\n\n" + definition
    return EditApplier.FileChange(path: module, old: old, new: new)
  }

  /// Every site's `raise Old` rewritten to `raise New`, with the file importing `New` (added to
  /// its single-line import from the class's module, else a new import line after its last
  /// top-level import), and `Old` dropped from that import when nothing else uses it; `nil` when
  /// a site is not a plain `raise Old…` or a file has no import to place it after.
  package static func raises(
    for contract: Contract, sites: [MigrationSite], lookup: any DefinitionLookup
  ) -> [EditApplier.FileChange]? {
    guard contract.action == .exception, let old = contract.oldName, let new = contract.newName,
      let module = contract.module, let home = MechanicalMove.dotted(module),
      let importLine = contract.importLine, !sites.isEmpty
    else { return nil }
    var changes: [EditApplier.FileChange] = []
    for (path, here) in Dictionary(grouping: sites, by: \.path).sorted(by: { $0.key < $1.key }) {
      guard let text = lookup.text(of: path) else { return nil }
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      for site in here {
        guard site.kind == .raise, site.firstLine <= lines.count else { return nil }
        let line = lines[site.firstLine - 1]
        let indent = line.prefix { $0 == " " || $0 == "\t" }
        let statement = line.dropFirst(indent.count)
        let rest = statement.dropFirst("raise ".count + old.count)
        guard statement.hasPrefix("raise \(old)"),
          rest.first.map({ !IdentifierWords.isWordCharacter($0) }) ?? true
        else { return nil }
        lines[site.firstLine - 1] = String(indent) + "raise \(new)" + String(rest)
      }
      if path != module {
        let body = lines.joined(separator: "\n")
        let stillOld = IdentifierWords.lines(containing: old, in: body).count
        var placed = false
        var lastImport: Int?
        for (index, line) in lines.enumerated() where !line.hasPrefix(" ") && !line.hasPrefix("\t")
        {
          guard line.hasPrefix("from ") || line.hasPrefix("import ") else {
            if line.hasPrefix("def ") || line.hasPrefix("class ") { break }
            continue
          }
          lastImport = index
          guard let parsed = MechanicalMove.ImportLine(line, in: path), parsed.module == home
          else { continue }
          var bound = Set(parsed.bound.map(\.bound))
          // `Old` stays when any line but this import still names it.
          let oldHere = bound.contains(old) && stillOld > 1
          var item = parsed
          item.bound.append(.init(name: new, bound: new, alias: nil))
          bound.insert(new)
          if bound.contains(old) && !oldHere { bound.remove(old) }
          lines[index] = item.rendered(keeping: bound)
          placed = true
          break
        }
        if !placed {
          guard let lastImport else { return nil }
          lines.insert(importLine, at: lastImport + 1)
        }
      }
      changes.append(
        EditApplier.FileChange(path: path, old: text, new: lines.joined(separator: "\n")))
    }
    return changes
  }

  /// The change that makes the package's `__init__.py` re-export the new class: its import after
  /// the file's last top-level import (else at its end), and the name in a one-line `__all__`.
  package static func export(for contract: Contract, lookup: any DefinitionLookup)
    -> EditApplier.FileChange?
  {
    guard contract.action == .exception, let path = contract.exportModule,
      path != contract.module, let name = contract.newName, let line = contract.importLine,
      let old = lookup.text(of: path)
    else { return nil }
    var lines = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard !lines.contains(line) else { return nil }
    var after: Int?
    var index = 0
    while index < lines.count {
      let text = lines[index]
      if text.hasPrefix("def ") || text.hasPrefix("class ") || text.hasPrefix("@") { break }
      if text.hasPrefix("import ") || text.hasPrefix("from ") {
        // A parenthesized import runs to its closing line.
        if text.contains("(") && !text.contains(")") {
          while index + 1 < lines.count && !lines[index].contains(")") { index += 1 }
        }
        after = index
      }
      index += 1
    }
    if let after {
      lines.insert(line, at: after + 1)
    } else {
      while lines.last == "" { lines.removeLast() }
      lines += ["", line, ""]
    }
    if let all = lines.firstIndex(where: { $0.hasPrefix("__all__ = [") && $0.hasSuffix("]") }) {
      let quote = lines[all].contains("'") && !lines[all].contains("\"") ? "'" : "\""
      var items = String(lines[all].dropLast())
      while items.last == " " { items.removeLast() }
      lines[all] =
        items.hasSuffix("[")
        ? "\(items)\(quote)\(name)\(quote)]" : "\(items), \(quote)\(name)\(quote)]"
    }
    return EditApplier.FileChange(path: path, old: old, new: lines.joined(separator: "\n"))
  }
}

/// Whether a goal names a module by its words: `formatter.py` by "formatter", `filter_stack.py`
/// by "filter stack" or "filter_stack" (whole words, any case).
package enum ModuleWords {
  package static func named(_ path: String, in goal: String) -> Bool {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    let name = file.hasSuffix(".py") ? String(file.dropLast(3)) : file
    let parts = name.lowercased().split(separator: "_").map(String.init)
    guard !parts.isEmpty, name != "__init__" else { return false }
    var words: [String] = []
    var current = ""
    for character in goal.lowercased() {
      if character.isLetter || character.isNumber {
        current.append(character)
      } else {
        if !current.isEmpty { words.append(current) }
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    guard words.count >= parts.count else { return false }
    let last = words.count - parts.count
    for start in 0...last where Array(words[start..<(start + parts.count)]) == parts {
      return true
    }
    return false
  }
}
