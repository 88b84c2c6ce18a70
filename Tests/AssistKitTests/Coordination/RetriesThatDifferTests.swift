import AssistKit
import AssistTesting
import Foundation
import HTTP
import Testing

/// Retries that differ and learning that does not unlearn, on the coordinator's real loop: real
/// git, real HTTP to scripted model servers on loopback, the real store and the example's tests.
@Suite struct RetriesThatDifferTests {
  typealias Harness = CoordinatorTests.Harness

  /// inventory.py with one more blank line: no change of substance.
  static var blankLineReply: String {
    let padded = CoordinatorTests.inventory.replacingOccurrences(
      of: "    def total_value(self):", with: "\n    def total_value(self):")
    return "inventory.py\n```python\n\(padded)```\n"
  }

  private func body(_ request: LoopbackServer.Request) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]) ?? [:]
  }

  @Test func aRepeatedAnswerIsAskedForDifferentlyAndTheSameAnswerAgainEscalates() async throws {
    let small = try ScriptedModelServer(replies: [Self.blankLineReply])  // the last one repeats
    let medium = try ScriptedModelServer(replies: [CoordinatorTests.goodReply])
    let harness = try Harness(small: small, medium: medium)
    let report = try await harness.run(
      TaskOptions(task: CoordinatorTests.task, singleAgent: true))

    #expect(report.run.status == .proposed)
    let result = try #require(report.results.first)
    // Two calls on the 0.5B, not three: the second differed, got the same answer, and the tier was
    // left at once.
    #expect(small.requests.count == 2)
    #expect(medium.requests.count == 1)
    #expect(result.attempts.map(\.tier) == ["local-small", "local-small", "local-medium"])
    #expect(result.attempts.map(\.strategy) == [.initial, .resample, .escalate])
    #expect(result.attempts.map(\.duplicate) == [true, true, nil])
    #expect(result.tier == "local-medium")
    // The second request really differs: hotter, and with a seed the first did not send.
    let first = body(small.requests[0])
    let second = body(small.requests[1])
    let cold = try #require(first["temperature"] as? Double)
    let hot = try #require(second["temperature"] as? Double)
    #expect(hot > cold)
    #expect(first["seed"] == nil)
    #expect(second["seed"] as? Int != nil)
    // The cascade's numbers say what happened.
    let numbers = CascadeNumbers(results: report.results)
    #expect(numbers.candidates == 3)
    #expect(numbers.duplicates == 2)
    #expect(numbers.acceptedBy == ["escalate": 1])
    #expect(
      numbers.summary
        == "candidates local-small 2 (2 duplicate(s)), local-medium 1 (1 accepted); "
        + "accepted via escalate 1")
    // `assist stats` reads the same numbers back from the stored run.
    let stored = try StoredRun(
      report.run.id, from: RunStore(Store(path: harness.environment.paths.storePath)))
    #expect(stored.stats.cascade == numbers)
  }

  @Test func showingTheFailureSendsTheFailingAssertionAndTheLastDiff() {
    var messages = [ChatMessage.system("s"), ChatMessage.user("Fix it.")]
    let change = EditApplier.FileChange(path: "a.py", old: "x = 1\n", new: "x = 2\n")
    SubAgent.appendFailure(
      to: &messages, failure: "AssertionError: 2 != 3", diff: CandidateLedger.diff([change]))
    let last = messages[1].content
    #expect(last.hasPrefix("Fix it.\n\nThe failing assertion:\nAssertionError: 2 != 3"))
    #expect(last.contains("-x = 1\n+x = 2"), "\(last)")
  }

  @Test func callsThatFailBeforeAModelAnswersStayOutOfTheSkillHistory() async throws {
    // The 0.5B's endpoint answers 500 to everything: endpoint health, not skill.
    let broken = try LoopbackServer(replies: [
      .json(status: 500, #"{"error": {"message": "boom"}}"#)
    ])
    let medium = try ScriptedModelServer(replies: [CoordinatorTests.goodReply])
    var harness = try Harness(smallURL: broken.url, mediumURL: medium.url)
    harness.environment.clock = RecordingClock()  // backoff waits return at once
    for _ in 0..<4 {
      let report = try await harness.run(
        TaskOptions(task: CoordinatorTests.task, singleAgent: true))
      #expect(report.results.first?.tier == "local-medium")
    }
    #expect(broken.requests.count >= 4)
    let store = try Store(path: harness.environment.paths.storePath)
    let history = try RoutingStore(store: store).history(window: 20)
    #expect(history.stats(kind: "migration", tier: "local-small") == nil)
    #expect(history.stats(kind: "migration", tier: "local-medium")?.successes == 4)

    // The endpoint is fixed: the next run calls it again and lands its answer.
    let fixed = try ScriptedModelServer(replies: [CoordinatorTests.goodReply])
    let config = harness.environment.paths.configDirectory + "/config.yaml"
    let text = try String(contentsOfFile: config, encoding: .utf8)
      .replacingOccurrences(of: broken.url, with: fixed.url)
    try text.write(toFile: config, atomically: true, encoding: .utf8)
    let report = try await harness.run(
      TaskOptions(task: CoordinatorTests.task, singleAgent: true))
    #expect(fixed.requests.count == 1)
    #expect(report.results.first?.tier == "local-small")
  }

  @Test func aSubtaskNoTierCanTakeSaysWhyForEachTierNotABlankLine() async throws {
    let small = try ScriptedModelServer(replies: ["unused"])
    let medium = try ScriptedModelServer(replies: ["unused"])
    let harness = try Harness(small: small, medium: medium)
    // Windows too small for any prompt: both tiers are ruled out for a hard reason.
    let config = harness.environment.paths.configDirectory + "/config.yaml"
    let text = try String(contentsOfFile: config, encoding: .utf8)
      .replacingOccurrences(
        of: "endpoints: [\(small.url)]", with: "endpoints: [\(small.url)]\n    context_window: 300"
      )
      .replacingOccurrences(
        of: "endpoints: [\(medium.url)]",
        with: "endpoints: [\(medium.url)]\n    context_window: 300")
    try text.write(toFile: config, atomically: true, encoding: .utf8)
    let report = try await harness.run(
      TaskOptions(task: CoordinatorTests.task, singleAgent: true))

    #expect(report.run.status == .failed)
    let result = try #require(report.results.first)
    #expect(result.attempts.isEmpty)
    #expect(small.requests.isEmpty && medium.requests.isEmpty)
    #expect(
      result.detail.hasPrefix("no tier could do this (local-small: needs "), "\(result.detail)")
    #expect(result.detail.contains("local-medium: needs "))
    #expect(result.detail.contains("window is 300"))
    #expect(!result.callsText.contains("via ,"))
    #expect(!result.callsText.contains("(tried )"))
    #expect(result.callsText.hasPrefix(" with no call: no tier could do this"))
    #expect(report.run.detail == result.detail)
  }
}
