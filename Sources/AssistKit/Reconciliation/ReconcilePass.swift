internal import Git

/// One pass of reconciliation: detect, settle by rule, use the arbiter's verdicts it already
/// has, merge, and build the proposal. Conflicts that need an arbiter verdict it does not have
/// yet are left for the human and listed in ``pending``.
struct ReconcilePass {
  var runID: String
  var task: String
  var baseCommit: String
  var plan: Plan
  var results: [SubtaskResult]
  var base: [String: String]
  var rule: ReconcileRule
  /// Whether unsettled conflicts may go to an arbiter (`false` with `--no-arbiter`).
  var arbiterEnabled: Bool
  /// Verdicts by case id.
  var verdicts: [String: ArbiterVerdict]

  /// Cases this pass wanted an arbiter for and had no verdict.
  private(set) var pending: [ArbiterCase] = []
  private var conflicts: [ProposalConflict] = []
  private var sides: [ReconcileSide] = []

  init(
    runID: String, task: String, baseCommit: String, plan: Plan, results: [SubtaskResult],
    base: [String: String], rule: ReconcileRule, arbiterEnabled: Bool,
    verdicts: [String: ArbiterVerdict]
  ) {
    self.runID = runID
    self.task = task
    self.baseCommit = baseCommit
    self.plan = plan
    self.results = results
    self.base = base
    self.rule = rule
    self.arbiterEnabled = arbiterEnabled
    self.verdicts = verdicts
  }

  /// Runs the pass.
  /// - Throws: ``GitError`` when libgit2 cannot merge or diff.
  mutating func run() throws -> Proposal {
    pending = []
    conflicts = []
    var proposal = Proposal(runID: runID, task: task, baseCommit: baseCommit)
    let ordered = plan.topologicalOrder.compactMap { s in results.first { $0.subtask.id == s.id } }
    for result in ordered {
      let provenance = ProposalBuilder.provenance(result)
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
    }
    var baseTexts: [String: String?] = base.mapValues { .some($0) }
    for result in ordered where result.status == .accepted {
      for change in result.changes where baseTexts[change.path] == nil {
        baseTexts[change.path] = .some(change.old)
      }
    }
    sides = ReconcileSide.sides(
      of: ordered, ancestors: ProposalBuilder.ancestors(plan), base: baseTexts)

    for found in ConflictDetector.staleBase(sides, base: baseTexts) {
      let dependency = sides[found.first]
      record(
        found,
        resolution:
          "settled: dependency order: \(sides[found.second].id) builds on \(dependency.id)",
        detail: found.detail + "; the dependent's version stands. \(dependency.id) had written:\n"
          + diff(dependency, found.files))
    }
    var excluded: [String: Set<String>] = [:]
    var overrides: [String: String?] = [:]
    for found in ConflictDetector.semantic(sides) + ConflictDetector.interpretive(sides) {
      let (a, b) = (sides[found.first], sides[found.second])
      if let settled = rule.settle(a, b) {
        let loser = sides[settled.loser]
        let superseded =
          sides[settled.winner].ancestors.contains(loser.id)
          ? [] : found.files.filter { loser.edited.contains($0) }
        for path in superseded { excluded[path, default: []].insert(loser.id) }
        record(
          found, resolution: "settled: \(settled.rule)",
          detail: found.detail
            + (superseded.isEmpty
              ? ""
              : "; \(loser.id)'s changes to \(superseded.joined(separator: ", ")) are superseded:\n"
                + diff(loser, superseded)))
        continue
      }
      let original = Dictionary(
        uniqueKeysWithValues: found.files.map { ($0, baseTexts[$0] ?? nil) })
      let files = open(
        found, original: original, first: versions(a, found.files, else: original),
        second: versions(b, found.files, else: original))
      for (path, text) in files ?? [:] { overrides[path] = .some(text) }
    }

    var final: [String: String?] = [:]
    var writers: [String: [ReconcileSide]] = [:]
    let paths = Set(sides.flatMap(\.edited)).sorted()
    for path in paths {
      var current: String? = baseTexts[path] ?? nil
      var included: [ReconcileSide] = []
      for side in sides
      where side.edited.contains(path) && !(excluded[path]?.contains(side.id) ?? false) {
        defer { included.append(side) }
        let theirs = side.versions[path] ?? nil
        guard let other = included.last(where: { !side.ancestors.contains($0.id) }) else {
          current = theirs
          continue
        }
        current = try merge(path, current: current, other: other, side: side, theirs: theirs)
      }
      writers[path] = included
      final[path] = .some(overrides[path] ?? current)
    }
    for (path, text) in overrides where final[path] == nil { final[path] = .some(text) }
    proposal.conflicts = conflicts
    try ProposalBuilder.addHunks(
      to: &proposal, final: final, base: baseTexts,
      writers: writers.mapValues { $0.map(\.result) })
    return proposal
  }

  /// Three-way merges `side`'s version of `path` into `current`; settles a conflict.
  private mutating func merge(
    _ path: String, current: String?, other: ReconcileSide, side: ReconcileSide, theirs: String?
  ) throws -> String? {
    let ancestor = side.given[path] ?? nil
    let merged: MergeFile.Result?
    if let current, let theirs {
      let result = try MergeFile.merge(
        ancestor: ancestor ?? "", ours: current, theirs: theirs,
        labels: ("base", ConflictMarkers.ours, ConflictMarkers.theirs))
      merged = result
      if !result.hasConflicts {
        conflicts.append(
          ProposalConflict(
            kind: "textual", files: [path], subtasks: [other.id, side.id],
            resolution: "merged", detail: "disjoint edits merged three ways",
            agents: [other.agent, side.agent]))
        return result.text
      }
    } else if current == theirs || theirs == nil && current == ancestor {
      return nil
    } else if current == nil && theirs == ancestor {
      return nil
    } else {
      merged = nil  // one deleted the file, the other changed it
    }
    let mine = LineHunks.between(ancestor, current)
    let yours = LineHunks.between(ancestor, theirs)
    let lines = yours.filter { h in mine.contains { $0.meets(h) } }.map { $0.label(path) }
    let found = DetectedConflict(
      kind: "textual", files: [path], lines: lines, first: other.order, second: side.order,
      detail: merged == nil
        ? "one of \(other.id) and \(side.id) deletes \(path), the other changes it"
        : "\(other.id) and \(side.id) changed the same lines of \(path)")
    if let settled = rule.settle(other, side) {
      let keepTheirs = settled.winner == side.order
      let kept = merged.map { ConflictMarkers.keep(keepTheirs ? .theirs : .ours, in: $0.text) }
      record(
        found, resolution: "settled: \(settled.rule)",
        detail: found.detail + "; \(sides[settled.loser].id)'s side is superseded:\n"
          + (kept?.dropped.joined(separator: "\n…\n")
            ?? ((keepTheirs ? current : theirs) ?? "(delete)")))
      return kept.map(\.text) ?? (keepTheirs ? theirs : current)
    }
    let original: [String: String?] = [path: ancestor]
    if let files = open(found, original: original, first: [path: current], second: [path: theirs]),
      let text = files[path]
    {
      return text
    }
    return merged.map { ConflictMarkers.keep(.ours, in: $0.text).text } ?? current
  }

  /// A conflict no rule settles: the arbiter's verdict, or the human.
  /// - Returns: The arbiter's files, when it settled the conflict.
  private mutating func open(
    _ found: DetectedConflict, original: [String: String?], first: [String: String?],
    second: [String: String?]
  ) -> [String: String?]? {
    let (a, b) = (sides[found.first], sides[found.second])
    let id = "\(found.kind)|\(found.files.joined(separator: ","))|\(a.id)|\(b.id)|\(found.detail)"
    let bothSides =
      "\n\(a.id) proposed:\n" + diff(a, found.files, versions: first, original: original)
      + "\n\(b.id) proposed:\n" + diff(b, found.files, versions: second, original: original)
    guard arbiterEnabled else {
      record(
        found, resolution: "left for the human",
        detail: found.detail + "; no arbiter (the proposal keeps \(a.id)'s side)" + bothSides)
      return nil
    }
    guard let verdict = verdicts[id] else {
      pending.append(
        ArbiterCase(
          id: id, kind: found.kind, task: task, detail: found.detail, original: original,
          sides: [
            ArbiterSide(
              subtask: a.id, agent: a.agent, files: first,
              assumptions: a.result.handBack.assumptions),
            ArbiterSide(
              subtask: b.id, agent: b.agent, files: second,
              assumptions: b.result.handBack.assumptions),
          ]))
      record(found, resolution: "left for the human", detail: found.detail + bothSides)
      return nil
    }
    var conflict = ProposalConflict(
      kind: found.kind, files: found.files, subtasks: [a.id, b.id],
      resolution: verdict.files == nil ? "left for the human" : "arbitrated",
      detail: found.detail + "; arbiter (\(verdict.tier)): \(verdict.decision)"
        + (verdict.files == nil ? bothSides : ""),
      lines: found.lines, agents: [a.agent, b.agent])
    conflict.arbiterTokens = verdict.tokens
    conflict.arbiterCost = verdict.cost
    conflict.seconds = verdict.seconds
    conflicts.append(conflict)
    return verdict.files
  }

  private mutating func record(_ found: DetectedConflict, resolution: String, detail: String) {
    let (a, b) = (sides[found.first], sides[found.second])
    conflicts.append(
      ProposalConflict(
        kind: found.kind, files: found.files, subtasks: [a.id, b.id], resolution: resolution,
        detail: detail, lines: found.lines, agents: [a.agent, b.agent]))
  }

  private func versions(_ side: ReconcileSide, _ files: [String], else original: [String: String?])
    -> [String: String?]
  {
    Dictionary(
      uniqueKeysWithValues: files.map { ($0, side.versions[$0] ?? original[$0] ?? nil) })
  }

  /// `side`'s own changes to `files` as a patch (what it would lose).
  private func diff(
    _ side: ReconcileSide, _ files: [String], versions: [String: String?]? = nil,
    original: [String: String?]? = nil
  ) -> String {
    files.compactMap { path -> String? in
      let old = original.map { $0[path] ?? nil } ?? (side.given[path] ?? nil)
      let new = versions.map { $0[path] ?? nil } ?? (side.versions[path] ?? nil)
      guard old != new else { return nil }
      return (try? TextDiff.patch(old: old, new: new, path: path)) ?? (new ?? "(delete)")
    }.joined()
  }
}
