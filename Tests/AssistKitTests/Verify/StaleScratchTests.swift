import AssistKit
import Foundation
import Testing

/// Scratch folders carry their owner's pid; the next run removes those whose owner is gone and
/// kills what still runs inside them (a verify child left by `kill -9`).
@Suite struct StaleScratchTests {
  /// A pid that belonged to a process that has exited.
  static func deadPID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  @Test func aScratchFolderNamesItsOwnerAndIsRecognisable() {
    let name = ScratchFolder.name(kind: "verify")
    #expect(name.hasPrefix("assist-scratch-\(ProcessInfo.processInfo.processIdentifier)-verify-"))
    #expect(ScratchFolder.owner(of: name) == ProcessInfo.processInfo.processIdentifier)
    #expect(ScratchFolder.owner(of: "assist-repo-1234") == nil)
  }

  @Test func aDeadOwnersFolderIsRemovedAndTheChildStillRunningInItIsKilled() throws {
    let parent = FileManager.default.temporaryDirectory.path + "/stale-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: parent) }
    let stale = parent + "/assist-scratch-\(try Self.deadPID())-verify-abc"
    let live = parent + "/" + ScratchFolder.name(kind: "verify")
    let foreign = parent + "/assist-repo-keep"
    for folder in [stale, live, foreign] {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/sleep")
    child.arguments = ["300"]
    child.currentDirectoryURL = URL(fileURLWithPath: stale)
    try child.run()
    defer { if child.isRunning { child.terminate() } }

    let removed = ScratchFolder.removeStale(in: parent)

    #expect(removed == [stale])
    child.waitUntilExit()
    #expect(child.terminationReason == .uncaughtSignal)
    #expect(!FileManager.default.fileExists(atPath: stale))
    #expect(FileManager.default.fileExists(atPath: live))
    #expect(FileManager.default.fileExists(atPath: foreign))
  }
}
