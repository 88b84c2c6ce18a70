internal import Git

/// Combines sub-agents' results into one proposal: final file contents, hunks with provenance,
/// findings and assumptions, and every conflict with how it was settled.
///
/// The work is ``ReconcilePass``'s (detection, rules, merging); ``Reconciler`` adds the arbiter.
/// Nothing an agent proposed disappears silently: it is merged, superseded with the rule that
/// says so, or left for the human with both sides in the conflict's detail.
package enum ProposalBuilder {
  /// Builds the proposal without an arbiter: what no rule settles is left for the human.
  /// - Parameters:
  ///   - runID: The run.
  ///   - task: The task text.
  ///   - baseCommit: The commit the sub-agents worked from.
  ///   - plan: The plan (for dependency order).
  ///   - results: The sub-tasks' results.
  ///   - base: File contents at the base commit.
  ///   - rule: The rules that settle conflicts.
  /// - Throws: ``GitError`` when libgit2 cannot diff or merge.
  package static func build(
    runID: String, task: String, baseCommit: String, plan: Plan, results: [SubtaskResult],
    base: [String: String], rule: ReconcileRule = ReconcileRule()
  ) throws -> Proposal {
    var pass = ReconcilePass(
      runID: runID, task: task, baseCommit: baseCommit, plan: plan, results: results, base: base,
      rule: rule, arbiterEnabled: false, verdicts: [:])
    return try pass.run()
  }

  /// Adds the hunks of `final` (against `base`), each owned by the file's last writer.
  static func addHunks(
    to proposal: inout Proposal, final: [String: String?], base: [String: String?],
    writers: [String: [SubtaskResult]]
  ) throws {
    var lineSets: [String: [Set<Substring>]] = [:]
    /// The last writer whose version has every line the hunk adds (who wrote it); the arbiter
    /// for lines no writer has when it settled a conflict in the file.
    func owner(of hunk: String, path: String) -> Provenance? {
      let added = hunk.split(separator: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }
        .map { $0.dropFirst() }
      let candidates = writers[path] ?? []
      let sets =
        lineSets[path]
        ?? candidates.map { writer in
          Set(LineHunks.lines(writer.changes.last { $0.path == path }?.new ?? nil))
        }
      lineSets[path] = sets
      if let i = sets.indices.last(where: { i in added.allSatisfy { sets[i].contains($0) } }) {
        return Self.provenance(candidates[i])
      }
      let arbitrated = proposal.conflicts.last {
        $0.files.contains(path) && $0.resolution == "arbitrated"
      }
      return arbitrated.map(Self.arbiterProvenance) ?? candidates.last.map(Self.provenance)
    }
    var index = 0
    for path in final.keys.sorted() {
      let old = base[path] ?? nil
      guard let new = final[path], new != old else { continue }
      let patch = try TextDiff.patch(old: old, new: new, path: path)
      let others = (writers[path] ?? []).dropLast().map(\.subtask.id)
      let unsettled = proposal.conflicts.filter {
        $0.files.contains(path) && $0.resolution != "merged"
      }
      for hunk in Self.split(patch) {
        guard
          let owner = owner(of: hunk, path: path)
            ?? unsettled.first.map({ Self.arbiterProvenance($0) })
        else {
          continue
        }
        var notes: [String] = []
        if !others.isEmpty { notes.append("also changed by \(others.joined(separator: ", "))") }
        for conflict in unsettled {
          notes.append(
            "\(conflict.kind) conflict (\(conflict.subtasks.joined(separator: ", "))): \(conflict.resolution)"
          )
        }
        proposal.hunks.append(
          ProposalHunk(index: index, path: path, diff: hunk, provenance: owner, notes: notes))
        index += 1
      }
    }
  }

  private static func arbiterProvenance(_ conflict: ProposalConflict) -> Provenance {
    Provenance(
      subtask: conflict.subtasks.joined(separator: "+"), agent: "arbiter", tier: "-", model: "-",
      tokens: conflict.arbiterTokens, cost: conflict.arbiterCost)
  }

  /// Splits a one-file canonical patch into standalone one-hunk patches sharing its header.
  package static func split(_ patch: String) -> [String] {
    var header: [Substring] = []
    var hunks: [[Substring]] = []
    for line in patch.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("@@") {
        hunks.append([line])
      } else if hunks.isEmpty {
        header.append(line)
      } else {
        hunks[hunks.count - 1].append(line)
      }
    }
    return hunks.map { hunk in
      var lines = header + hunk
      while lines.last?.isEmpty == true { lines.removeLast() }
      return lines.joined(separator: "\n") + "\n"
    }
  }

  static func provenance(_ result: SubtaskResult) -> Provenance {
    Provenance(
      subtask: result.subtask.id, agent: result.agent, tier: result.tier ?? "-",
      model: result.model ?? "-",
      tokens: result.tokens, cost: result.cost)
  }

  /// Sub-task id → every sub-task it depends on, transitively.
  static func ancestors(_ plan: Plan) -> [String: Set<String>] {
    var result: [String: Set<String>] = [:]
    for subtask in plan.topologicalOrder {
      var all = Set(subtask.dependsOn)
      for dependency in subtask.dependsOn { all.formUnion(result[dependency] ?? []) }
      result[subtask.id] = all
    }
    return result
  }
}
