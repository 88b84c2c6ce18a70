import AssistKit
import Git
import Testing

@Suite struct ProposalBuilderTests {
  let base = (1...30).map { "line \($0)" }.joined(separator: "\n") + "\n"

  private func result(
    _ id: String, _ changes: [EditApplier.FileChange], dependsOn: [String] = [],
    tier: String = "local-small"
  ) -> SubtaskResult {
    SubtaskResult(
      subtask: Subtask(
        id: id, kind: .migration, goal: "g", files: changes.map(\.path), dependsOn: dependsOn),
      agent: "migration", status: .accepted, tier: tier, model: "m", changes: changes,
      handBack: HandBack(reply: "ASSUMPTION cache: on write\n- found it"),
      attempts: [
        Attempt(
          tier: tier, model: "m", round: 0, format: "whole-file", inputTokens: 100,
          outputTokens: 50, stage: "accepted", detail: "")
      ],
      detail: "")
  }

  private func edited(_ replacements: [Int: String]) -> String {
    (1...30).map { replacements[$0] ?? "line \($0)" }.joined(separator: "\n") + "\n"
  }

  @Test func disjointEditsOfIndependentSubtasksMergeAndKeepTheirProvenance() throws {
    let a = result("s1", [.init(path: "f.txt", old: base, new: edited([3: "THREE"]))])
    let b = result(
      "s2", [.init(path: "f.txt", old: base, new: edited([27: "TWENTY-SEVEN"]))],
      tier: "local-medium")
    let plan = Plan(subtasks: [a.subtask, b.subtask], origin: .planner)
    let proposal = try ProposalBuilder.build(
      runID: "r", task: "t", baseCommit: "c", plan: plan, results: [a, b], base: ["f.txt": base])
    #expect(proposal.hunks.count == 2)
    #expect(proposal.conflicts.map(\.resolution) == ["merged"])
    #expect(proposal.findings.map(\.text) == ["found it", "found it"])
    #expect(proposal.assumptions["s1"] == ["cache": "on write"])
    // Both hunks together rebuild the merged file exactly.
    let merged = try HunkApplier.apply(proposal.hunks.map(\.diff), to: base, path: "f.txt")
    #expect(merged == edited([3: "THREE", 27: "TWENTY-SEVEN"]))
    // Each hunk alone applies to the base too.
    #expect(
      try HunkApplier.apply([proposal.hunks[1].diff], to: base, path: "f.txt")
        == edited([27: "TWENTY-SEVEN"]))
  }

  @Test func overlappingEditsAreLeftForTheHumanWithBothSidesRecorded() throws {
    let a = result("s1", [.init(path: "f.txt", old: base, new: edited([10: "ten by s1"]))])
    let b = result("s2", [.init(path: "f.txt", old: base, new: edited([10: "ten by s2"]))])
    let plan = Plan(subtasks: [a.subtask, b.subtask], origin: .planner)
    let proposal = try ProposalBuilder.build(
      runID: "r", task: "t", baseCommit: "c", plan: plan, results: [a, b], base: ["f.txt": base])
    #expect(proposal.conflicts.count == 1)
    #expect(proposal.conflicts[0].resolution == "left for the human")
    #expect(proposal.conflicts[0].detail.contains("ten by s2"))  // nothing disappears silently
    #expect(proposal.hunks.allSatisfy { $0.provenance.subtask == "s1" })
  }

  @Test func aDependentSubtaskBuildsOnItsDependencyWithoutAConflict() throws {
    let first = edited([5: "five"])
    let a = result("s1", [.init(path: "f.txt", old: base, new: first)])
    let b = result(
      "s2", [.init(path: "f.txt", old: base, new: edited([5: "five", 6: "six"]))], dependsOn: ["s1"]
    )
    let plan = Plan(subtasks: [a.subtask, b.subtask], origin: .planner)
    let proposal = try ProposalBuilder.build(
      runID: "r", task: "t", baseCommit: "c", plan: plan, results: [a, b], base: ["f.txt": base])
    #expect(proposal.conflicts.isEmpty)
    #expect(
      try HunkApplier.apply(proposal.hunks.map(\.diff), to: base, path: "f.txt")
        == edited([5: "five", 6: "six"]))
    #expect(proposal.hunks[0].notes == ["also changed by s1"])
  }

  @Test func newAndDeletedFilesRoundTrip() throws {
    let a = result(
      "s1",
      [
        .init(path: "new.py", old: nil, new: "print('hi')\n"),
        .init(path: "old.py", old: "x = 1\n", new: nil),
      ])
    let plan = Plan(subtasks: [a.subtask], origin: .planner)
    let proposal = try ProposalBuilder.build(
      runID: "r", task: "t", baseCommit: "c", plan: plan, results: [a], base: ["old.py": "x = 1\n"])
    let created = proposal.hunks.filter { $0.path == "new.py" }.map(\.diff)
    let deleted = proposal.hunks.filter { $0.path == "old.py" }.map(\.diff)
    #expect(try HunkApplier.apply(created, to: nil, path: "new.py") == "print('hi')\n")
    #expect(try HunkApplier.apply(deleted, to: "x = 1\n", path: "old.py") == nil)
  }

  @Test func aHunkWhoseBaseChangedIsRefusedNotGuessed() throws {
    let patch = try TextDiff.patch(old: base, new: edited([12: "twelve"]), path: "f.txt")
    let moved = edited([12: "someone else's twelve"])
    #expect(throws: HunkApplier.Mismatch.self) {
      try HunkApplier.apply([patch], to: moved, path: "f.txt")
    }
  }

  @Test func missingTrailingNewlinesSurvive() throws {
    let old = "a\nb"
    let new = "a\nB"
    let patch = try TextDiff.patch(old: old, new: new, path: "x")
    #expect(try HunkApplier.apply(ProposalBuilder.split(patch), to: old, path: "x") == new)
    let added = try TextDiff.patch(old: "a\nb", new: "a\nb\n", path: "x")
    #expect(try HunkApplier.apply(ProposalBuilder.split(added), to: "a\nb", path: "x") == "a\nb\n")
  }
}
