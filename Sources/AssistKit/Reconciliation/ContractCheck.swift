/// Checks the union of sub-agents' edits against the run's ``Contract``: a sub-agent that used
/// another name is a conflict (left for the human, never merged away), and every old reference
/// left in the proposed tree outside the contract's allow-list is reported.
package struct ContractCheck: Sendable {
  /// The decision every sub-agent was given.
  package var contract: Contract

  /// Creates a check.
  package init(contract: Contract) { self.contract = contract }

  /// Sub-agents whose edits removed the old name without writing the contract's new one, but
  /// introduced another identifier instead.
  package func violations(in results: [SubtaskResult]) -> [ProposalConflict] {
    guard contract.forbidsOldName, let old = contract.oldName, let new = contract.newName else {
      return []
    }
    var conflicts: [ProposalConflict] = []
    for result in results where result.status == .accepted {
      for change in result.changes {
        let before = IdentifierWords.counts(in: change.old ?? "")
        let after = IdentifierWords.counts(in: change.new ?? "")
        let removed = (before[old] ?? 0) - (after[old] ?? 0)
        guard removed > 0, (after[new] ?? 0) - (before[new] ?? 0) < removed else { continue }
        let introduced = after.filter { $0.value > (before[$0.key] ?? 0) && $0.key != new }
          .map(\.key).sorted()
        guard let used = introduced.first else { continue }
        conflicts.append(
          ProposalConflict(
            kind: "contract", files: [change.path], subtasks: [result.subtask.id],
            resolution: "left for the human",
            detail:
              "\(result.subtask.id) renamed `\(old)` to `\(used)` in \(change.path); the contract says `\(new)`",
            agents: [result.agent]))
      }
    }
    return conflicts
  }

  /// `path:line` of every whole-word old name left in `files` (the proposed tree) outside the
  /// allow-list.
  package func leftovers(in files: [String: String]) -> [String] {
    guard contract.forbidsOldName, let old = contract.oldName else { return [] }
    return files.keys.sorted().filter { !contract.allowedLeftovers.contains($0) }.flatMap { path in
      IdentifierWords.lines(containing: old, in: files[path] ?? "").map { "\(path):\($0)" }
    }
  }
}
