import AssistKit
import AssistTesting
import Foundation
import Testing

/// The gate refuses a reply that deletes or empties a test file: the plan's typed intent has no
/// action that removes tests, so tests stay the judge of every change.
@Suite struct TestRemovalGateTests {
  @Test func aReplyThatEmptiesTheCodeAndItsTestsIsRefusedByTheGateAndNeverProposed() async throws {
    let emptying = "inventory.py\n```python\n```\n\ntest_inventory.py\n```python\n```\n"
    let small = try ScriptedModelServer(replies: [emptying])
    let medium = try ScriptedModelServer(replies: [emptying])
    let harness = try CoordinatorTests.Harness(small: small, medium: medium)
    let before = try harness.repo.git("status", "--porcelain")
    let report = try await harness.run(
      TaskOptions(
        task: "Simplify inventory.py and test_inventory.py.", singleAgent: true, reflections: 1))
    #expect(report.proposal == nil)
    let result = try #require(report.results.first)
    #expect(result.status != .accepted)
    #expect(result.attempts.first?.stage == "gate", "\(result.attempts.map(\.stage))")
    let feedback = small.messages(ofRequest: 1).last?["content"] ?? ""
    #expect(feedback.contains("test_inventory.py"), "\(feedback)")
    #expect(feedback.contains("removes tests"), "\(feedback)")
    #expect(try harness.repo.git("status", "--porcelain") == before)
  }
}
