import AssistKit
import AssistTesting
import Foundation
import Testing

/// "N call(s)" counts requests that were sent, not attempts that never reached a model.
@Suite struct CallCountTests {
  @Test func attemptsAtUnreachableEndpointsAreNotCountedAsCalls() async throws {
    // Port 9 (discard) has no listener on loopback: every attempt fails before a request is sent.
    var harness = try CoordinatorTests.Harness(
      smallURL: "http://127.0.0.1:9", mediumURL: "http://127.0.0.1:9")
    harness.environment.clock = RecordingClock()
    let report = try await harness.run(
      TaskOptions(task: CoordinatorTests.task, singleAgent: true, verify: false, reflections: 0))
    let result = try #require(report.results.first)
    #expect(!result.attempts.isEmpty)
    #expect(result.attempts.allSatisfy { !$0.sentRequest }, "\(result.attempts.map(\.detail))")
    #expect(result.calls == 0)
  }

  @Test func aReplyThatCameBackIsACall() async throws {
    let small = try ScriptedModelServer(replies: [CoordinatorTests.goodReply])
    let medium = try ScriptedModelServer(replies: ["unused"])
    let harness = try CoordinatorTests.Harness(small: small, medium: medium)
    let report = try await harness.run(
      TaskOptions(task: CoordinatorTests.task, singleAgent: true, verify: false))
    let result = try #require(report.results.first)
    #expect(result.calls == 1)
    #expect(result.calls == small.requests.count)
  }
}
