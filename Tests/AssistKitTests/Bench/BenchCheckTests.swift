import AssistKit
import AssistTesting
import Foundation
import HTTP
import Testing

/// The bench's success check on the real examples: a correct fix passes, a wrong one fails.
@Suite struct BenchCheckTests {
  static func runner() throws -> BenchRunner {
    let variables = ProcessInfo.processInfo.environment
    return BenchRunner(
      environment: Environment(
        variables: variables, transport: try CurlTransport(),
        paths: AssistPaths(variables: variables, installDirectory: projectRoot)))
  }

  static func task(_ name: String) throws -> BenchSuite.Task {
    let suite = try BenchSuite(folder: projectRoot + "/examples")
    return try #require(try suite.select([name]).first)
  }

  @Test func suiteLoadsEveryExampleTask() throws {
    let suite = try BenchSuite(folder: projectRoot + "/examples")
    #expect(suite.tasks.count >= 10)
    let dead = try #require(suite.tasks.first { $0.id == "find-dead-code" })
    #expect(dead.category == "analysis" && dead.expectInFindings == ["_legacy_escape"])
    #expect(throws: BenchError.unknownTask("nope")) { try suite.select(["nope"]) }
    #expect(try suite.select(["py-textkit/fix-word-count"]).map(\.id) == ["fix-word-count"])
  }

  @Test func correctPatchPassesTheCheckAndAWrongOneFails() async throws {
    let runner = try Self.runner()
    let task = try Self.task("fix-slugify-case")
    let folder = try await runner.prepareRepository(task)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(FileManager.default.fileExists(atPath: folder + "/.git"))
    let file = folder + "/textkit.py"
    let original = try String(contentsOfFile: file, encoding: .utf8)
    let asShipped = try await runner.check(task.check, in: folder)
    #expect(!asShipped.0, "the bug must fail its own check")

    // Wrong: uppercases instead of lowercasing.
    try original.replacingOccurrences(
      of: "return \"-\".join(w for w in words if w)",
      with: "return \"-\".join(w.upper() for w in words if w)"
    ).write(toFile: file, atomically: true, encoding: .utf8)
    let wrong = try await runner.check(task.check, in: folder)
    #expect(!wrong.0)
    #expect(wrong.1.hasPrefix("check failed"))

    // Right.
    let fixed = original.replacingOccurrences(
      of: "return \"-\".join(w for w in words if w)",
      with: "return \"-\".join(w.lower() for w in words if w)")
    #expect(fixed != original)
    try fixed.write(toFile: file, atomically: true, encoding: .utf8)
    let right = try await runner.check(task.check, in: folder)
    #expect(right.0, "\(right.1)")
  }

  @Test func analysisTasksNeedEveryExpectedWord() throws {
    let provenance = Provenance(
      subtask: "s1", agent: "analyst", tier: "local-small", model: "m", tokens: 10, cost: 0)
    let found = BenchRunner.findingsCheck(
      ["server.py", "worker.py"],
      findings: [Finding(provenance: provenance, text: "Server.py and worker.py still call it")])
    #expect(found.0)
    let missed = BenchRunner.findingsCheck(
      ["server.py", "worker.py"], findings: [Finding(provenance: provenance, text: "server.py")])
    #expect(!missed.0 && missed.1 == "findings miss worker.py")
  }
}
