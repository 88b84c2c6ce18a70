/// The arbiter over a sample of a merge-conflict corpus.
extension MergeCorpus {
  /// What the arbiter did with a sample.
  package struct ArbiterReport: Sendable, Codable {
    /// Entries put to it.
    package var tried = 0
    /// Settled with files.
    package var arbitrated = 0
    /// …equal to the human's resolution (trailing whitespace of lines ignored).
    package var matching = 0
    /// Not settled: left for the human.
    package var leftForTheHuman = 0
    /// Tokens and seconds over the sample.
    package var tokens = 0
    package var seconds = 0.0
    /// Entry → the arbiter's one-line decision.
    package var decisions: [String: String] = [:]
  }

  /// Puts the first `sample` entries whose versions have at most `maxLines` lines to `arbiter`.
  /// - Throws: ``GitError`` from merging.
  package static func arbitrate(
    _ entries: [Entry], arbiter: any ConflictArbiter, sample: Int, maxLines: Int
  ) async throws -> ArbiterReport {
    var report = ArbiterReport()
    let small = entries.filter { entry in
      [entry.base, entry.ours, entry.theirs].allSatisfy {
        LineHunks.lines($0).count <= maxLines
      }
    }
    for entry in small.prefix(sample) {
      let ours = result("ours", .design, entry, entry.ours)
      let theirs = result("theirs", .migration, entry, entry.theirs)
      let plan = Plan(subtasks: [ours.subtask, theirs.subtask], origin: .planner)
      let proposal = try await Reconciler(arbiter: arbiter).reconcile(
        runID: "r", task: "merge two branches' changes to \(entry.path)", baseCommit: "c",
        plan: plan, results: [ours, theirs], base: [entry.path: entry.base])
      report.tried += 1
      let open = proposal.conflicts.filter { $0.resolution != "merged" }
      report.tokens += open.reduce(0) { $0 + $1.arbiterTokens }
      report.seconds += open.reduce(0) { $0 + $1.seconds }
      report.decisions[entry.name] = open.last.map { String($0.detail.prefix(160)) } ?? "-"
      guard !open.isEmpty, open.allSatisfy({ $0.resolution == "arbitrated" }) else {
        report.leftForTheHuman += 1
        continue
      }
      report.arbitrated += 1
      let hunks = proposal.hunks.filter { $0.path == entry.path }.map(\.diff)
      let final = try? HunkApplier.apply(hunks, to: entry.base, path: entry.path)
      if normalized(final) == normalized(entry.expected) { report.matching += 1 }
    }
    return report
  }

  private static func normalized(_ text: String?) -> [Substring] {
    LineHunks.lines(text).map { line in
      var l = line
      while l.last == " " || l.last == "\t" { l = l.dropLast() }
      return l
    }
  }
}
