import AssistKit
import AssistTesting
import Foundation
import Synchronization
import Testing

/// `assist task --time-limit`: on the coordinator's real loop (real git, real HTTP to scripted
/// model servers, the example's real tests), past the limit no model call starts and the run ends
/// with the reason, leaving the work tree as it was.
@Suite struct RunTimeLimitTests {
  typealias Harness = CoordinatorTests.Harness

  /// A reply that arrives only after `delay`.
  private func slow(_ text: String, after delay: Duration) -> LoopbackReply {
    var reply = ScriptedModelServer.reply(text)
    reply.steps.insert(.pause(delay), at: 0)
    return reply
  }

  @Test func aOneSecondLimitEndsTheRunWithTheReasonAndLeavesTheTreeClean() async throws {
    // The first answer is unusable and arrives after the limit: the reflection round and the
    // next tier that would follow must not start.
    let small = try LoopbackServer(replies: [
      slow("Sure! Add `def count` to the class.", after: .milliseconds(1_500)),
      ScriptedModelServer.reply(CoordinatorTests.goodReply),
    ])
    let medium = try ScriptedModelServer(replies: [CoordinatorTests.goodReply])
    let harness = try Harness(smallURL: small.url, mediumURL: medium.url)
    let before = try harness.repo.git("status", "--porcelain")
    let head = try harness.repo.git("rev-parse", "HEAD")
    var options = TaskOptions(task: CoordinatorTests.task, singleAgent: true, timeLimit: 1)
    options.landing = .init(here: true)
    let report = try await harness.run(options)

    #expect(small.requests.count <= 1, "no call after the limit")
    #expect(medium.requests.isEmpty, "no escalation after the limit")
    #expect(report.stoppedByTimeLimit)
    #expect(report.run.status == .failed)
    #expect(
      report.run.detail.hasPrefix("stopped at the time limit (--time-limit 1 s)"),
      "\(report.run.detail)")
    #expect(report.notices.contains { $0.hasPrefix("stopped at the time limit") })
    let result = try #require(report.results.first)
    #expect(result.status == .failed && result.changes.isEmpty)
    #expect(report.proposal == nil)
    // The user's tree and branch are as they were.
    #expect(try harness.repo.git("status", "--porcelain") == before)
    #expect(try harness.repo.git("rev-parse", "HEAD") == head)
  }

  @Test func aCallInFlightAtTheLimitIsCutThereAndTheRunSaysSo() async throws {
    // The reply would come after 600 s; the run's 30 s limit (room for the base test run on a
    // loaded machine) cuts the call instead of waiting.
    let small = try LoopbackServer(replies: [
      slow(CoordinatorTests.goodReply, after: .seconds(600))
    ])
    let medium = try ScriptedModelServer(replies: [CoordinatorTests.goodReply])
    let harness = try Harness(smallURL: small.url, mediumURL: medium.url)
    let before = try harness.repo.git("status", "--porcelain")
    let report = try await harness.run(
      TaskOptions(task: CoordinatorTests.task, singleAgent: true, timeLimit: 30))

    #expect(report.stoppedByTimeLimit)
    #expect(
      report.run.detail.hasPrefix(
        "stopped at the time limit (--time-limit 30 s): the call in flight was cut there"),
      "\(report.run.detail)")
    #expect(medium.requests.isEmpty, "no escalation after the limit")
    let result = try #require(report.results.first)
    #expect(result.stoppedAtTimeLimit == true && result.changes.isEmpty)
    #expect(report.proposal == nil)
    #expect(try harness.repo.git("status", "--porcelain") == before)
  }

  @Test func aRunThatFinishesInsideItsLimitIsNotMarkedStopped() async throws {
    let small = try ScriptedModelServer(replies: [CoordinatorTests.goodReply])
    let medium = try ScriptedModelServer(replies: [CoordinatorTests.goodReply])
    let harness = try Harness(small: small, medium: medium)
    let report = try await harness.run(
      TaskOptions(task: CoordinatorTests.task, singleAgent: true, timeLimit: 600))
    #expect(report.run.status == .proposed, "\(harness.events.lines.withLock { $0 })")
    #expect(!report.stoppedByTimeLimit)
    #expect(!report.run.detail.contains("time limit"))
  }

  @Test func theDeadlineSaysWhenItHasPassed() async throws {
    let past = RunDeadline(seconds: 0.05)
    #expect(!RunDeadline(seconds: 60).hasPassed)
    try await Task.sleep(for: .milliseconds(80))
    #expect(past.hasPassed)
    #expect(throws: RunDeadline.Passed.self) { try past.check() }
    #expect(RunDeadline(seconds: 90).reason.contains("--time-limit 90 s"))
    #expect(RunDeadline(seconds: 1.5).reason.contains("--time-limit 1.5 s"))
  }
}
