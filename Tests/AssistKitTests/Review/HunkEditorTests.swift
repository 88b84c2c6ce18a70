import AssistKit
import AssistTesting
import Foundation
import Git
import Testing

@Suite struct HunkEditorTests {
  private let base = ProposalFixture.app
  private func hunks() throws -> [ProposalHunk] {
    let patch = try TextDiff.patch(old: base, new: ProposalFixture.appChanged, path: "app.py")
    let provenance = Provenance(
      subtask: "s1", agent: "migrator", tier: "local-small", model: "m", tokens: 1, cost: 0)
    return ProposalBuilder.split(patch).enumerated().map {
      ProposalHunk(index: $0.offset, path: "app.py", diff: $0.element, provenance: provenance)
    }
  }

  @Test func droppingAnAddedLineGivesAHunkThatAppliesToTheBase() throws {
    let hunks = try hunks()
    let text = HunkEditor.editableText(hunks[1], position: 1, total: 2)
    #expect(text.contains("# Manual hunk edit: app.py, hunk 2 of 2"))
    let edited = text.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { $0 != "+value_26b = 261" }.joined(separator: "\n")
    let patch = try HunkEditor.patch(
      from: edited, original: hunks[1], others: [hunks[0]], base: base)
    let result = try #require(
      try HunkApplier.apply([hunks[0].diff, patch], to: base, path: "app.py"))
    #expect(result.contains("value_26 = 260\n"))
    #expect(!result.contains("value_26b"))
    #expect(result.contains("value_2 = 20\n"))
  }

  @Test func turningARemovedLineIntoContextKeepsIt() throws {
    let hunks = try hunks()
    let text = HunkEditor.editableText(hunks[0], position: 0, total: 2)
    let edited = text.replacingOccurrences(of: "-value_2 = 2\n", with: " value_2 = 2\n")
    let patch = try HunkEditor.patch(from: edited, original: hunks[0], others: [], base: base)
    let result = try #require(try HunkApplier.apply([patch], to: base, path: "app.py"))
    #expect(result.contains("value_2 = 2\nvalue_2 = 20\n"))
  }

  @Test func anEditWhoseContextIsNotInTheBaseIsRefusedWithTheReason() throws {
    let hunks = try hunks()
    let edited = HunkEditor.editableText(hunks[0], position: 0, total: 2)
      .replacingOccurrences(of: " value_1 = 1", with: " value_1 = 100")
    let error = #expect(throws: HunkEditor.Failure.self) {
      try HunkEditor.patch(from: edited, original: hunks[0], others: [], base: base)
    }
    guard case .doesNotApply(let reason) = error else {
      Issue.record("expected doesNotApply, got \(String(describing: error))")
      return
    }
    #expect(reason.contains("app.py"))
  }

  @Test func emptiedOrChangelessOrMalformedEditsAreRefused() throws {
    let hunk = try hunks()[0]
    #expect(throws: HunkEditor.Failure.emptied) {
      try HunkEditor.patch(from: "# nothing\n\n", original: hunk, others: [], base: base)
    }
    #expect(throws: HunkEditor.Failure.noChange) {
      try HunkEditor.patch(from: " value_1 = 1\n", original: hunk, others: [], base: base)
    }
    #expect(throws: HunkEditor.Failure.badLine(2, "*value_2 = 2")) {
      try HunkEditor.patch(
        from: " value_1 = 1\n*value_2 = 2\n", original: hunk, others: [], base: base)
    }
  }
}
