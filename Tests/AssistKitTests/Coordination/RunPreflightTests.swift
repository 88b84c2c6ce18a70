import AssistKit
import AssistTesting
import Foundation
import Testing

/// A dirty target file or a git operation in progress stops a run before any model is called.
@Suite struct RunPreflightTests {
  @Test func aTaskNamingAFileWithUncommittedChangesIsRefusedBeforeAnyCall() async throws {
    let small = try ScriptedModelServer(replies: [CoordinatorTests.goodReply])
    let medium = try ScriptedModelServer(replies: ["unused"])
    let harness = try CoordinatorTests.Harness(small: small, medium: medium)
    try harness.repo.write("inventory.py", "# my work in progress\n")
    let error = await #expect(throws: TaskError.self) {
      try await harness.run(TaskOptions(task: CoordinatorTests.task, singleAgent: true))
    }
    #expect(error?.description.contains("inventory.py") == true, "\(String(describing: error))")
    #expect(error?.description.contains("uncommitted") == true)
    #expect(small.requests.isEmpty && medium.requests.isEmpty)
    #expect(harness.repo.read("inventory.py") == "# my work in progress\n")
  }

  @Test func aMergeInProgressIsRefusedBeforeAnyCall() async throws {
    let small = try ScriptedModelServer(replies: [CoordinatorTests.goodReply])
    let medium = try ScriptedModelServer(replies: ["unused"])
    let harness = try CoordinatorTests.Harness(small: small, medium: medium)
    let head = try harness.repo.git("rev-parse", "HEAD")
    try head.write(
      toFile: harness.repo.path + "/.git/MERGE_HEAD", atomically: true, encoding: .utf8)
    let error = await #expect(throws: TaskError.self) {
      try await harness.run(TaskOptions(task: CoordinatorTests.task, singleAgent: true))
    }
    #expect(error?.description.contains("merge") == true, "\(String(describing: error))")
    #expect(small.requests.isEmpty && medium.requests.isEmpty)
  }

  @Test func uncommittedWorkInAnotherFileDoesNotStopTheRun() async throws {
    let small = try ScriptedModelServer(replies: [CoordinatorTests.goodReply])
    let medium = try ScriptedModelServer(replies: ["unused"])
    let harness = try CoordinatorTests.Harness(small: small, medium: medium)
    try harness.repo.write("notes.txt", "untracked notes\n")
    let report = try await harness.run(
      TaskOptions(task: CoordinatorTests.task, singleAgent: true, verify: false))
    #expect(report.proposal != nil)
  }
}
