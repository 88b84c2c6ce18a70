internal import Foundation

/// How a run uses the tools of `Migration/`: a plan without a planner call when the task's intent
/// is plain and its sites are known, per-file expansion, results done by tool, and the contract
/// check after reconciliation.
extension Coordinator {
  /// A one-sub-task plan made by tool when `task` matches a task-intent pattern whose old name is
  /// defined in the repository; `nil` leaves planning to the planner.
  ///
  /// A task that goes on to ask for more ("…; add a `--strip-semicolon` flag to the command-line
  /// tool; add a test in tests/test_parse.py") is planned by tool when its longest head is: the
  /// head as the tool's sub-task, then one model sub-task per part after it, each starting from
  /// the tool's result. A part whose files cannot be found leaves the task to the planner rather
  /// than being dropped.
  package static func toolPlan(
    task: String, patterns: TaskIntentPatterns, lookup: any DefinitionLookup
  )
    -> Plan?
  {
    let cuts = patterns.headsAndFollowOns(of: task)
    for (head, followOns) in cuts {
      guard var plan = headPlan(task: head, patterns: patterns, lookup: lookup) else { continue }
      for (index, part) in followOns.enumerated() {
        let files = followOnFiles(part, lookup: lookup)
        guard !files.isEmpty else { return nil }
        // New tests go at the end of the one existing test file the part names.
        let appendsTo =
          files.count == 1 && lookup.isTest(files[0]) && lookup.text(of: files[0]) != nil
          ? files[0] : nil
        plan.subtasks.append(
          Subtask(
            id: "s\(index + 2)", kind: .migration,
            goal: "\(part)\n\nThis is one part of the task; done before it, by tool: \(head)",
            files: files, dependsOn: ["s1"], difficulty: 2,
            intent: ChangeIntent(action: .feature, appendsTo: appendsTo)))
      }
      return plan
    }
    // A task that asks for more than its head is never reduced to what one pattern reads.
    guard cuts.isEmpty else { return nil }
    return headPlan(task: task, patterns: patterns, lookup: lookup)
  }

  /// The files a follow-on part changes: the paths it names (a new one included), else the code
  /// files holding the nearest sibling of a new name it gives in backticks (`--strip-semicolon`
  /// goes where `--strip-comments` is), else the code files defining what it names.
  package static func followOnFiles(_ part: String, lookup: any DefinitionLookup) -> [String] {
    let known = Set(lookup.paths)
    let tokens = part.split { $0.isWhitespace || "`'\",;:()".contains($0) }
      .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
    let named = tokens.filter { token in
      known.contains(token)
        || (token.contains("/") && !(token as NSString).pathExtension.isEmpty
          && !token.hasPrefix("-"))
    }
    if !named.isEmpty { return Array(Set(named)).sorted() }
    let isCode = { (path: String) in
      !lookup.isTest(path) && !SiteFinder.isDocumentation(path)
    }
    let literals = part.split(separator: "`", omittingEmptySubsequences: false).enumerated()
      .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    for literal in literals where !literal.isEmpty {
      guard lookup.paths.allSatisfy({ !(lookup.text(of: $0) ?? "").contains(literal) }) else {
        continue
      }
      // Prefixes that end just after a separator, longest first: `--strip-` for `--strip-x`.
      let characters = Array(literal)
      let ends = characters.indices.filter { "-_.".contains(characters[$0]) }.map { $0 + 1 }
      for end in ends.reversed() where end >= 4 && end < characters.count {
        let prefix = String(characters[..<end])
        let holders = lookup.paths.filter {
          isCode($0) && (lookup.text(of: $0) ?? "").contains(prefix)
        }
        if !holders.isEmpty { return holders.sorted() }
      }
    }
    var defining: [String] = []
    for token in Set(tokens) where IdentifierWords.isIdentifier(token) && token.count > 2 {
      for definition in lookup.definitions(of: token) where isCode(definition.path) {
        defining.append(definition.path)
      }
    }
    return Array(Set(defining)).sorted()
  }

  /// The tool's one-sub-task plan of `task` (no follow-on parts), or `nil`.
  private static func headPlan(
    task: String, patterns: TaskIntentPatterns, lookup: any DefinitionLookup
  ) -> Plan? {
    guard let intent = patterns.intent(of: task),
      let contract = Contract.decide(for: intent, lookup: lookup)
    else { return nil }
    let sites = SiteFinder(lookup: lookup).sites(for: intent, contract: contract)
    guard contract.isAnchored(by: sites) else { return nil }
    let files = Array(Set(sites.map(\.path))).sorted()
    var plan = Plan(
      subtasks: [
        Subtask(id: "s1", kind: .migration, goal: task, files: files, difficulty: 2, intent: intent)
      ], origin: .tool)
    plan.contract = contract
    return plan
  }

  /// The plan of a task whose topology is plainly one agent, with no planner call: it names
  /// exactly one non-test file, and every symbol it names that the repository defines is used
  /// only there (and in tests and docs). `nil` leaves the topology to the planner.
  package static func oneFilePlan(
    task: String, context: RepoContext, lookup: any DefinitionLookup, patterns: TaskIntentPatterns
  ) -> Plan? {
    let tokens = Set(
      task.split { !(IdentifierWords.isWordCharacter($0) || $0 == "." || $0 == "/" || $0 == "-") }
        .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".")) })
    let names = Dictionary(grouping: context.files.keys) { ($0 as NSString).lastPathComponent }
    let named = Set(
      context.files.keys.filter { path in
        let name = (path as NSString).lastPathComponent
        return tokens.contains(path) || (tokens.contains(name) && names[name]?.count == 1)
      })
    guard named.count == 1, let file = named.first, !context.isTestFile(file) else { return nil }
    let defined = Set(context.symbols.values.joined())
    let symbols = tokens.filter { IdentifierWords.isIdentifier($0) && defined.contains($0) }
    guard !symbols.isEmpty else { return nil }
    for symbol in symbols {
      for path in lookup.mentions(of: symbol).keys
      where path != file && !lookup.isTest(path) && !SiteFinder.isDocumentation(path) {
        return nil
      }
    }
    var plan = Planner.singleSubtask(
      task: task, context: context, patterns: patterns, origin: .oneFile)
    if plan.subtasks[0].kind == .migration { plan.subtasks[0].files = [file] }
    return plan
  }

  /// The result of a sub-task the tool did: accepted, no model, no call.
  static func toolResult(_ subtask: Subtask, changes: [EditApplier.FileChange], note: String)
    -> SubtaskResult
  {
    SubtaskResult(
      subtask: subtask, agent: "tool", status: .accepted, tier: "tool", model: "none",
      changes: changes, handBack: HandBack(reply: ""), attempts: [], detail: note)
  }

  /// Adds the contract's import line to accepted files that use its new name unbound; the
  /// whole proposal is verified after this, before anything lands. Returns one note per file.
  static func completeContractImports(_ results: inout [SubtaskResult], contract: Contract?)
    -> [String]
  {
    guard let contract else { return [] }
    var notes: [String] = []
    for index in results.indices where results[index].status == .accepted {
      for (position, change) in results[index].changes.enumerated() {
        guard let completed = ContractImports.completed(change, contract: contract) else {
          continue
        }
        results[index].changes[position] = completed
        notes.append(
          "\(results[index].subtask.id): `\(contract.importLine ?? "")` added to \(change.path) by "
            + "tool (the part used `\(contract.newName ?? "")` without importing it)")
      }
    }
    return notes
  }

  /// Checks the proposal against the plan's contract: violations become conflicts, old names
  /// left in the proposed tree are returned as `path:line`.
  static func checkContract(
    _ proposal: inout Proposal, plan: Plan, results: [SubtaskResult], base: [String: String]
  ) -> [String] {
    guard let contract = plan.contract else { return [] }
    let check = ContractCheck(contract: contract)
    proposal.assumptions["contract"] = contract.assumptions
    proposal.conflicts += check.violations(in: results)
    var tree = base
    for change in composedChanges(of: results) { tree[change.path] = change.new }
    return check.leftovers(in: tree)
  }
}
