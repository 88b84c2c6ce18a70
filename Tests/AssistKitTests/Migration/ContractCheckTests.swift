import AssistKit
import AssistTesting
import Foundation
import Testing

/// The shared contract after reconciliation: another name is a conflict, old references left
/// anywhere are listed, and parts that agree merge.
@Suite struct ContractCheckTests {
  static let contract = Contract(action: .rename, oldName: "chunked", newName: "batched_list")

  static func result(_ id: String, _ path: String, old: String, new: String) -> SubtaskResult {
    SubtaskResult(
      subtask: Subtask(id: id, kind: .migration, goal: "g", files: [path]), agent: "migration",
      status: .accepted, tier: "local-small", model: "m",
      changes: [EditApplier.FileChange(path: path, old: old, new: new)],
      handBack: HandBack(reply: ""), attempts: [], detail: "")
  }

  @Test func aSubAgentThatUsedAnotherNameIsAConflictNotAMerge() throws {
    let good = Self.result(
      "s1.1", "core.py", old: "def chunked(x):\n    pass\n", new: "def batched_list(x):\n    pass\n"
    )
    let bad = Self.result(
      "s1.2", "extra.py", old: "from core import chunked\nchunked(1)\n",
      new: "from core import batched\nbatched(1)\n")
    let conflicts = ContractCheck(contract: Self.contract).violations(in: [good, bad])
    let conflict = try #require(conflicts.first)
    #expect(conflicts.count == 1)
    #expect(conflict.kind == "contract")
    #expect(conflict.subtasks == ["s1.2"])
    #expect(conflict.resolution == "left for the human")
    #expect(conflict.detail.contains("`batched`"))
  }

  @Test func anOldReferenceOutsideEverySubAgentsSitesIsReported() {
    let tree = [
      "core.py": "def batched_list(x):\n    pass\n",
      "cli.py": "import core\n\nprint(core.chunked(3))\n",
      "CHANGES.md": "chunked was renamed\n",
    ]
    #expect(
      ContractCheck(contract: Self.contract).leftovers(in: tree) == ["CHANGES.md:1", "cli.py:3"])
    var allowed = Self.contract
    allowed.allowedLeftovers = ["CHANGES.md"]
    #expect(ContractCheck(contract: allowed).leftovers(in: tree) == ["cli.py:3"])
  }

  @Test func anExceptionContractLeavesTheOldTypeAlone() {
    let contract = Contract(action: .exception, oldName: "ValueError", newName: "SizeError")
    #expect(
      ContractCheck(contract: contract).leftovers(in: ["a.py": "raise ValueError()\n"]).isEmpty)
  }

  @Test func twoSubAgentsEditingTheSameImportBlockMergeCleanly() async throws {
    let block =
      "from .core import (\n    first,\n    last,\n    chunked,\n)\n\n\nprint(first)\nprint(last)\nprint(chunked)\n"
    let f = try ReconcileFixture(["pkg/extra.py": block])
    // One renames `first` in the block, the other `chunked`: the same import statement.
    let a = f.result(
      "s1.1",
      ["pkg/extra.py": block.replacingOccurrences(of: "first", with: "head")])
    let b = f.result(
      "s2.1",
      [
        "pkg/extra.py": block.replacingOccurrences(of: "    chunked,", with: "    batched_list,")
          .replacingOccurrences(of: "print(chunked)", with: "print(batched_list)")
      ])
    let proposal = try await f.reconcile([a, b])
    #expect(proposal.conflicts.map(\.resolution) == ["merged"])  // recorded, not left open
    #expect(
      try f.final(proposal, "pkg/extra.py")
        == "from .core import (\n    head,\n    last,\n    batched_list,\n)\n\n\nprint(head)\nprint(last)\nprint(batched_list)\n"
    )
    try f.expectApplies(proposal)
  }
}
