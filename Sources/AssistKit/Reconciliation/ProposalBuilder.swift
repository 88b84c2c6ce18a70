internal import Git

/// Combines sub-agents' results into one proposal: final file contents, hunks with provenance,
/// findings and assumptions, and every conflict with how it was settled.
///
/// A sub-task that depends on another starts from its changes, so their edits compose. Two
/// independent sub-tasks that changed the same file are merged three ways (libgit2); a merge that
/// conflicts keeps the earlier sub-task's version and records the other for the human — nothing
/// an agent proposed disappears silently.
package enum ProposalBuilder {
  /// Builds the proposal.
  /// - Parameters:
  ///   - runID: The run.
  ///   - task: The task text.
  ///   - baseCommit: The commit the sub-agents worked from.
  ///   - plan: The plan (for dependency order).
  ///   - results: The sub-tasks' results.
  ///   - base: File contents at the base commit.
  /// - Throws: ``GitError`` when libgit2 cannot diff or merge.
  package static func build(
    runID: String, task: String, baseCommit: String, plan: Plan, results: [SubtaskResult],
    base: [String: String]
  ) throws -> Proposal {
    var proposal = Proposal(runID: runID, task: task, baseCommit: baseCommit)
    var final: [String: String?] = [:]
    var writers: [String: [SubtaskResult]] = [:]
    let ancestors = Self.ancestors(plan)
    let ordered = plan.topologicalOrder.compactMap { s in results.first { $0.subtask.id == s.id } }
    for result in ordered {
      let provenance = Self.provenance(result)
      for finding in result.handBack.findings {
        proposal.findings.append(Finding(provenance: provenance, text: finding))
      }
      if result.status == .findings, result.handBack.findings.isEmpty,
        !result.handBack.rationale.isEmpty
      {
        proposal.findings.append(Finding(provenance: provenance, text: result.handBack.rationale))
      }
      if !result.handBack.assumptions.isEmpty {
        proposal.assumptions[result.subtask.id] = result.handBack.assumptions
      }
      guard result.status == .accepted else { continue }
      for change in result.changes {
        let earlier = writers[change.path] ?? []
        let independent = earlier.filter {
          !(ancestors[result.subtask.id] ?? []).contains($0.subtask.id)
        }
        if let other = independent.last, let current = final[change.path] {
          let merged = try MergeFile.merge(
            ancestor: base[change.path] ?? "", ours: current ?? "", theirs: change.new ?? "",
            labels: ("base", other.subtask.id, result.subtask.id))
          if merged.hasConflicts {
            proposal.conflicts.append(
              ProposalConflict(
                kind: "textual", files: [change.path],
                subtasks: [other.subtask.id, result.subtask.id],
                resolution: "left for the human",
                detail:
                  "\(result.subtask.id)'s version of \(change.path) conflicts with \(other.subtask.id)'s; "
                  + "the proposal keeps \(other.subtask.id)'s. \(result.subtask.id) wanted:\n\(change.new ?? "(delete)")"
              ))
            continue
          }
          proposal.conflicts.append(
            ProposalConflict(
              kind: "textual", files: [change.path],
              subtasks: [other.subtask.id, result.subtask.id],
              resolution: "merged", detail: "disjoint edits merged three ways"))
          final[change.path] = merged.text
        } else {
          final[change.path] = change.new
        }
        writers[change.path, default: []].append(result)
      }
    }
    var index = 0
    for path in final.keys.sorted() {
      let old = base[path]
      guard let new = final[path], new != old else { continue }
      let patch = try TextDiff.patch(old: old, new: new, path: path)
      let owner = writers[path]?.last.map(Self.provenance)
      let others = (writers[path] ?? []).dropLast().map(\.subtask.id)
      for hunk in Self.split(patch) {
        guard let owner else { continue }
        var notes: [String] = []
        if !others.isEmpty { notes.append("also changed by \(others.joined(separator: ", "))") }
        proposal.hunks.append(
          ProposalHunk(index: index, path: path, diff: hunk, provenance: owner, notes: notes))
        index += 1
      }
    }
    return proposal
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

  private static func provenance(_ result: SubtaskResult) -> Provenance {
    Provenance(
      subtask: result.subtask.id, agent: result.agent, tier: result.tier ?? "-",
      model: result.model ?? "-",
      tokens: result.tokens, cost: result.cost)
  }

  /// Sub-task id → every sub-task it depends on, transitively.
  private static func ancestors(_ plan: Plan) -> [String: Set<String>] {
    var result: [String: Set<String>] = [:]
    for subtask in plan.topologicalOrder {
      var all = Set(subtask.dependsOn)
      for dependency in subtask.dependsOn { all.formUnion(result[dependency] ?? []) }
      result[subtask.id] = all
    }
    return result
  }
}
