import AssistKit
import Foundation
import Testing

/// A run whose process is gone (kill -9) shows as interrupted, not "running" forever.
@Suite struct InterruptedRunTests {
  func store() throws -> RunStore {
    RunStore(
      try Store(
        path: FileManager.default.temporaryDirectory.appendingPathComponent(
          "runs-\(UUID())/a.sqlite"
        ).path))
  }

  static func deadPID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  func running(_ id: String, owner: RunOwner?) -> RunRecord {
    var record = RunRecord(
      id: id, createdAt: 1, repository: "/r", command: "task", task: id, status: .running)
    record.owner = owner
    return record
  }

  @Test func runsWhoseProcessIsGoneAreMarkedInterruptedAndTheLiveOneIsNot() throws {
    let runs = try store()
    let me = RunOwner.current
    try runs.save(running("dead", owner: RunOwner(pid: try Self.deadPID(), started: me.started)))
    // Same pid, another start time: the pid was reused by a different process.
    try runs.save(running("reused", owner: RunOwner(pid: me.pid, started: me.started &+ 1)))
    try runs.save(running("live", owner: me))
    try runs.save(running("legacy", owner: nil))

    let marked = try runs.markInterrupted()

    #expect(marked.sorted() == ["dead", "reused"])
    #expect(try runs.run("dead").status == .interrupted)
    #expect(try runs.run("dead").detail.contains("assist resume dead"))
    #expect(try runs.run("live").status == .running)
    #expect(try runs.run("live").owner == me)
    #expect(try runs.run("legacy").status == .running)  // no owner recorded: cannot tell
  }

  @Test func theLandingAskedForIsKeptInTheCheckpointedOptions() throws {
    var options = TaskOptions(task: "t")
    options.landing = TaskOptions.LandingRequest(here: true)
    let decoded = try JSONDecoder().decode(
      TaskOptions.self, from: JSONEncoder().encode(options))
    #expect(decoded.landing == TaskOptions.LandingRequest(here: true))
    // Checkpoints written before the field existed still decode, with no landing.
    let old = try JSONEncoder().encode(TaskOptions(task: "t"))
    #expect(try JSONDecoder().decode(TaskOptions.self, from: old).landing == nil)
  }
}
