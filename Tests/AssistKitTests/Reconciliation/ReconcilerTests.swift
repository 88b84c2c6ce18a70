import AssistKit
import AssistTesting
import Foundation
import Testing

/// Each conflict kind and each resolution path, on scripted proposals over real repositories.
@Suite struct ReconcilerTests {
  static let util = "def helper(x):\n    return x + 1\n\n\ndef other(y):\n    return y * 2\n"
  static let main = "from util import other\n\nprint(other(3))\n"

  @Test func overlappingEditsSettleByKindPrecedenceAndTheLoserIsRecorded() async throws {
    let f = try ReconcileFixture(["f.txt": numbered()])
    let a = f.result("s1", kind: .migration, ["f.txt": numbered(30, [3: "three", 10: "ten-m"])])
    let b = f.result("s2", kind: .design, ["f.txt": numbered(30, [10: "ten-d", 25: "t25"])])
    let proposal = try await f.reconcile(
      [a, b], reconciler: Reconciler(rule: ReconcileRule(precedence: ["design", "migration"])))
    let conflict = try #require(proposal.conflicts.first { $0.kind == "textual" })
    #expect(conflict.resolution == "settled: precedence: design over migration")
    #expect(conflict.lines == ["f.txt:10-10"])
    #expect(conflict.agents == ["migration", "design"])
    #expect(conflict.detail.contains("ten-m"))  // the superseded side is kept in the record
    // Disjoint edits of both merge; the conflicting line is design's.
    #expect(try f.final(proposal, "f.txt") == numbered(30, [3: "three", 10: "ten-d", 25: "t25"]))
    try f.expectApplies(proposal)
  }

  @Test func withoutARuleOrArbiterTheHumanGetsBothSides() async throws {
    let f = try ReconcileFixture(["f.txt": numbered()])
    let a = f.result("s1", ["f.txt": numbered(30, [10: "ten by s1", 20: "twenty"])])
    let b = f.result("s2", ["f.txt": numbered(30, [10: "ten by s2", 11: "eleven by s2"])])
    let proposal = try await f.reconcile([a, b])
    let conflict = try #require(proposal.conflicts.first)
    #expect(proposal.conflicts.count == 1)
    #expect(conflict.kind == "textual")
    #expect(conflict.resolution == "left for the human")
    #expect(conflict.subtasks == ["s1", "s2"])
    #expect(conflict.detail.contains("+ten by s1") && conflict.detail.contains("+eleven by s2"))
    #expect(try f.final(proposal, "f.txt") == numbered(30, [10: "ten by s1", 20: "twenty"]))
    #expect(proposal.hunks.allSatisfy { $0.notes.contains { $0.contains("left for the human") } })
    try f.expectApplies(proposal)
  }

  @Test func aModifyDeleteConflictIsDetected() async throws {
    let f = try ReconcileFixture(["f.txt": numbered()])
    let a = f.result("s1", ["f.txt": nil])
    let b = f.result("s2", ["f.txt": numbered(30, [4: "four"])])
    let proposal = try await f.reconcile([a, b])
    #expect(proposal.conflicts.map(\.resolution) == ["left for the human"])
    #expect(proposal.conflicts[0].detail.contains("+four"))
    #expect(try f.final(proposal, "f.txt") == nil)  // the earlier side (the deletion) stands
    try f.expectApplies(proposal)
  }

  @Test func aDependentRewritingItsDependencysLinesIsAStaleBaseSettledByDependencyOrder()
    async throws
  {
    let f = try ReconcileFixture(["f.txt": numbered()])
    let a = f.result("s1", ["f.txt": numbered(30, [5: "five by s1", 6: "six by s1"])])
    let b = f.result(
      "s2", ["f.txt": numbered(30, [5: "five by s2", 6: "six by s1", 7: "seven"])],
      dependsOn: ["s1"])
    let proposal = try await f.reconcile([a, b])
    let conflict = try #require(proposal.conflicts.first)
    #expect(proposal.conflicts.count == 1)
    #expect(conflict.kind == "stale-base")
    #expect(conflict.lines == ["f.txt:5-5"])
    #expect(conflict.resolution == "settled: dependency order: s2 builds on s1")
    #expect(conflict.detail.contains("+five by s1"))
    #expect(
      try f.final(proposal, "f.txt")
        == numbered(30, [5: "five by s2", 6: "six by s1", 7: "seven"]))
    try f.expectApplies(proposal)
  }

  @Test func buildingNextToADependencysChangeIsNotStale() async throws {
    let f = try ReconcileFixture(["f.txt": numbered()])
    let a = f.result("s1", ["f.txt": numbered(30, [5: "five"])])
    let b = f.result("s2", ["f.txt": numbered(30, [5: "five", 6: "six"])], dependsOn: ["s1"])
    let proposal = try await f.reconcile([a, b])
    #expect(proposal.conflicts.isEmpty)
  }

  @Test func theSameFunctionRenamedTwoWaysIsSemantic() async throws {
    let f = try ReconcileFixture(["util.py": Self.util])
    let a = f.result(
      "s1", ["util.py": Self.util.replacingOccurrences(of: "def other", with: "def double")])
    let b = f.result(
      "s2", ["util.py": Self.util.replacingOccurrences(of: "def other", with: "def twice")])
    let proposal = try await f.reconcile([a, b])
    let semantic = try #require(proposal.conflicts.first { $0.kind == "semantic" })
    #expect(semantic.detail.contains("s1 renamed other to double, s2 renamed it to twice"))
    #expect(semantic.resolution == "left for the human")
    #expect(proposal.conflicts.contains { $0.kind == "textual" })
    try f.expectApplies(proposal)
  }

  @Test func aDefinitionDeletedByOneAndCalledByAnotherIsSemantic() async throws {
    let f = try ReconcileFixture(["util.py": Self.util, "main.py": Self.main])
    let withoutHelper = "def other(y):\n    return y * 2\n"
    let a = f.result("s1", kind: .design, ["util.py": withoutHelper])
    let calls = "from util import other, helper\n\nprint(other(3))\nprint(helper(1))\n"
    let b = f.result("s2", kind: .migration, ["main.py": calls])
    // Textually disjoint: without a rule both merge and the human is told.
    let open = try await f.reconcile([a, b])
    let conflict = try #require(open.conflicts.first)
    #expect(open.conflicts.count == 1)
    #expect(conflict.kind == "semantic")
    #expect(conflict.files == ["main.py", "util.py"])
    #expect(conflict.lines == ["main.py:1"])
    #expect(conflict.detail.contains("s1 deleted helper; s2 still calls it"))
    #expect(conflict.resolution == "left for the human")
    #expect(try f.final(open, "main.py") == calls)
    // With design over migration, s2's call is superseded, and the record keeps it.
    let settled = try await f.reconcile(
      [a, b], reconciler: Reconciler(rule: ReconcileRule(precedence: ["design"])))
    #expect(settled.conflicts[0].resolution == "settled: precedence: design over migration")
    #expect(settled.conflicts[0].detail.contains("+print(helper(1))"))
    #expect(try f.final(settled, "main.py") == Self.main)
    #expect(try f.final(settled, "util.py") == withoutHelper)
    try f.expectApplies(settled)
  }

  @Test func editingADeletedDefinitionIsSemantic() async throws {
    let f = try ReconcileFixture(["util.py": Self.util])
    let a = f.result("s1", ["util.py": "def other(y):\n    return y * 2\n"])
    let b = f.result(
      "s2", ["util.py": Self.util.replacingOccurrences(of: "def other(y)", with: "def other(y=1)")])
    let proposal = try await f.reconcile([a, b])
    // s2 edited other's line, which s1 kept; s1 deleted helper, which s2 did not touch.
    #expect(!proposal.conflicts.contains { $0.kind == "semantic" })
    let c = f.result(
      "s3",
      ["util.py": Self.util.replacingOccurrences(of: "def helper(x)", with: "def helper(x, y)")])
    let clash = try await f.reconcile([a, c])
    let semantic = try #require(clash.conflicts.first { $0.kind == "semantic" })
    #expect(semantic.detail.contains("s1 deleted helper; s3 still edits it"))
  }

  @Test func theSameNewNameDefinedTwiceIsSemantic() async throws {
    let f = try ReconcileFixture(["a.py": "x = 1\n", "b.py": "y = 2\n"])
    let a = f.result("s1", ["a.py": "x = 1\n\n\ndef cache_get(k):\n    return k\n"])
    let b = f.result("s2", ["b.py": "y = 2\n\n\ndef cache_get(key):\n    return None\n"])
    let proposal = try await f.reconcile([a, b])
    let conflict = try #require(proposal.conflicts.first)
    #expect(conflict.kind == "semantic")
    #expect(conflict.detail.hasPrefix("s1 and s2 both define a new cache_get;"))
    #expect(conflict.files == ["a.py", "b.py"])
    try f.expectApplies(proposal)
  }

  @Test func differentAssumptionsForOneKeyAreInterpretive() async throws {
    let f = try ReconcileFixture(["store.py": "x = 1\n", "api.py": "y = 2\n"])
    let a = f.result(
      "s1", ["store.py": "x = 1\ninvalidate()\n"], reply: "ASSUMPTION cache: invalidate on write")
    let b = f.result(
      "s2", ["api.py": "y = 2\nttl = 60\n"], reply: "ASSUMPTION Cache: TTL of 60 seconds")
    let proposal = try await f.reconcile([a, b])
    let conflict = try #require(proposal.conflicts.first)
    #expect(conflict.kind == "interpretive")
    #expect(conflict.detail.hasPrefix("cache: s1 assumes 'invalidate on write', s2 assumes"))
    #expect(conflict.resolution == "left for the human")
    // Nothing disappears: both edits are still proposed, with the conflict noted on them.
    #expect(try f.final(proposal, "store.py") == "x = 1\ninvalidate()\n")
    #expect(try f.final(proposal, "api.py") == "y = 2\nttl = 60\n")
    // When s2 builds on s1, dependency order settles it and s2's reading stands.
    let dependent = f.result(
      "s2", ["api.py": "y = 2\nttl = 60\n"], dependsOn: ["s1"],
      reply: "ASSUMPTION cache: TTL of 60 seconds")
    let settled = try await f.reconcile([a, dependent])
    #expect(settled.conflicts.map(\.resolution) == ["settled: dependency order: s2 builds on s1"])
    // The same value written differently is no conflict.
    let same = f.result(
      "s2", ["api.py": "y = 2\n"], reply: "ASSUMPTION cache:  Invalidate   on write")
    #expect(try await f.reconcile([a, same]).conflicts.isEmpty)
  }
}
