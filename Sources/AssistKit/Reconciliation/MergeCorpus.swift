internal import Foundation

/// Real merge conflicts as pairs of competing proposals (`scripts/merge-corpus` writes them):
/// the reconciler runs on each and its result is compared with the human's resolution.
package enum MergeCorpus {
  /// One conflicting file of one merge.
  package struct Entry: Sendable {
    /// `<merge>/<n>`.
    package var name: String
    /// The file's path in the repository.
    package var path: String
    /// At the merge base.
    package var base: String
    /// The first parent's version.
    package var ours: String
    /// The second parent's version.
    package var theirs: String
    /// What the human committed.
    package var expected: String
  }

  /// The outcome over a corpus.
  package struct Report: Sendable, Codable {
    /// Entries read (non-UTF-8 ones are left out).
    package var entries = 0
    /// Entries where the reconciler found a real conflict.
    package var detected = 0
    /// Entries it merged without finding one.
    package var autoMerged = 0
    /// …of which the merge equals the human's resolution.
    package var autoMergedMatching = 0
    /// Entries left for the human without rules or arbiter.
    package var leftForTheHuman = 0
    /// Conflicts found by kind.
    package var kinds: [String: Int] = [:]
    /// With the rule "ours wins" (first parent's kind first): entries settled / equal to the human.
    package var oursWinsSettled = 0
    package var oursWinsMatching = 0
    /// With "theirs wins".
    package var theirsWinsSettled = 0
    package var theirsWinsMatching = 0
    /// The human kept one side whole.
    package var humanKeptOurs = 0
    package var humanKeptTheirs = 0
    /// Entries where no conflict was found (first few).
    package var undetected: [String] = []
    /// Median and slowest milliseconds per entry (no-rule pass).
    package var medianMilliseconds = 0.0
    package var maxMilliseconds = 0.0
  }

  /// Reads the corpus folder.
  /// - Throws: When `root` cannot be listed.
  package static func entries(_ root: String) throws -> [Entry] {
    let fm = FileManager.default
    var entries: [Entry] = []
    for merge in try fm.contentsOfDirectory(atPath: root).sorted() {
      for n in (try? fm.contentsOfDirectory(atPath: root + "/" + merge).sorted()) ?? [] {
        let dir = "\(root)/\(merge)/\(n)/"
        func read(_ f: String) -> String? { try? String(contentsOfFile: dir + f, encoding: .utf8) }
        guard let path = read("path"), let base = read("base"), let ours = read("ours"),
          let theirs = read("theirs"), let expected = read("expected")
        else { continue }
        entries.append(
          Entry(
            name: "\(merge)/\(n)", path: path, base: base, ours: ours, theirs: theirs,
            expected: expected))
      }
    }
    return entries
  }

  /// Reconciles every entry without an arbiter: no rule, then each side winning by precedence.
  /// - Throws: ``GitError`` from merging.
  package static func run(_ entries: [Entry]) throws -> Report {
    var report = Report()
    var times: [Double] = []
    let clock = ContinuousClock()
    for entry in entries {
      let ours = result("ours", .design, entry, entry.ours)
      let theirs = result("theirs", .migration, entry, entry.theirs)
      let plan = Plan(subtasks: [ours.subtask, theirs.subtask], origin: .planner)
      report.entries += 1
      if entry.expected == entry.ours { report.humanKeptOurs += 1 }
      if entry.expected == entry.theirs { report.humanKeptTheirs += 1 }
      for precedence in [[], ["design"], ["migration"]] {
        let start = clock.now
        let proposal = try ProposalBuilder.build(
          runID: "r", task: "merge", baseCommit: "c", plan: plan, results: [ours, theirs],
          base: [entry.path: entry.base], rule: ReconcileRule(precedence: precedence))
        let elapsed = clock.now - start
        let real = proposal.conflicts.filter { $0.resolution != "merged" }
        let hunks = proposal.hunks.filter { $0.path == entry.path }.map(\.diff)
        let matches =
          (try? HunkApplier.apply(hunks, to: entry.base, path: entry.path)) == entry.expected
        switch precedence.first {
        case nil:
          times.append(
            Double(elapsed.components.seconds) * 1000
              + Double(elapsed.components.attoseconds) / 1e15)
          if real.isEmpty {
            report.autoMerged += 1
            if matches { report.autoMergedMatching += 1 }
            if report.undetected.count < 10 { report.undetected.append(entry.name) }
          } else {
            report.detected += 1
          }
          for conflict in real { report.kinds[conflict.kind, default: 0] += 1 }
          if real.contains(where: { $0.resolution == "left for the human" }) {
            report.leftForTheHuman += 1
          }
        case "design"?:
          if !real.isEmpty { report.oursWinsSettled += 1 }
          if !real.isEmpty && matches { report.oursWinsMatching += 1 }
        default:
          if !real.isEmpty { report.theirsWinsSettled += 1 }
          if !real.isEmpty && matches { report.theirsWinsMatching += 1 }
        }
      }
    }
    times.sort()
    report.medianMilliseconds = times.isEmpty ? 0 : times[times.count / 2]
    report.maxMilliseconds = times.last ?? 0
    return report
  }

  static func result(
    _ id: String, _ kind: AgentDefinition.Kind, _ entry: Entry, _ text: String
  ) -> SubtaskResult {
    SubtaskResult(
      subtask: Subtask(id: id, kind: kind, goal: "merge", files: [entry.path]),
      agent: kind.rawValue, status: .accepted, tier: "-", model: "-",
      changes: [EditApplier.FileChange(path: entry.path, old: entry.base, new: text)],
      handBack: HandBack(reply: ""), attempts: [], detail: "")
  }
}
