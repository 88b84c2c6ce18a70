internal import Foundation

/// How a run uses the tools of `Migration/`: a plan without a planner call when the task's intent
/// is plain and its sites are known, per-file expansion, results done by tool, and the contract
/// check after reconciliation.
extension Coordinator {
  /// A one-sub-task plan made by tool when `task` matches a task-intent pattern whose old name is
  /// defined in the repository; `nil` leaves planning to the planner.
  package static func toolPlan(
    task: String, patterns: TaskIntentPatterns, lookup: any DefinitionLookup
  )
    -> Plan?
  {
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
