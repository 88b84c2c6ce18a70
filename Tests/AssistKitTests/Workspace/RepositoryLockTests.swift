import AssistKit
import AssistTesting
import Foundation
import Git
import Testing

/// The `assist` executable built next to the test bundle, if there is one.
let assistExecutable: String? = {
  let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let path = folder.appendingPathComponent("assist").path
  return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}()

@Suite struct RepositoryLockTests {
  @Test func aHeldLockRefusesASecondWriterWithAClearMessage() async throws {
    let temp = try TemporaryRepository(files: ["a.txt": "a\n"])
    let lock = try RepositoryLock(gitDirectory: temp.path + "/.git", purpose: "test")
    let diff = try TextDiff.patch(old: "a\n", new: "b\n", path: "a.txt")
    let error = await #expect(throws: WorkspaceError.self) {
      try await Workspace(at: temp.path).apply(
        patch: diff, metadata: CommitMetadata(runID: "l", message: "m"))
    }
    #expect(error == .locked(pid: ProcessInfo.processInfo.processIdentifier))
    #expect(error?.description.hasPrefix("another assist is applying in this repository") == true)
    #expect(temp.read("a.txt") == "a\n")
    _ = lock
  }

  @Test func aLockLeftByADeadProcessIsRecoveredAndReported() async throws {
    let temp = try TemporaryRepository(files: ["a.txt": "a\n"])
    try temp.write(".git/assist.lock", "999999\nwriting commit abc to refs/heads/main\n")
    let diff = try TextDiff.patch(old: "a\n", new: "b\n", path: "a.txt")
    let landed = try await Workspace(at: temp.path).apply(
      patch: diff, metadata: CommitMetadata(runID: "s", message: "m"), placement: .currentBranch)
    #expect(landed.recoveredInterruption?.contains("writing commit abc") == true)
    #expect(!FileManager.default.fileExists(atPath: temp.path + "/.git/assist.lock"))
  }

  @Test(.enabled(if: assistExecutable != nil))
  func aProcessKilledMidApplyLeavesARepositoryGitAcceptsAndExplains() async throws {
    let executable = try #require(assistExecutable)
    var files: [String: String] = [:]
    for index in 0..<1000 { files["src/f\(index).txt"] = "file \(index)\nsecond line\n" }
    let temp = try TemporaryRepository(files: files)
    let base = try temp.git("rev-parse", "HEAD")
    for index in 0..<1000 { try temp.write("src/f\(index).txt", "file \(index)\nchanged\n") }
    let patch = try temp.git("diff")
    try temp.git("checkout", "-q", "--", ".")
    let patchFile = temp.path + "/.git/big.patch"
    try patch.write(toFile: patchFile, atomically: true, encoding: .utf8)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["apply", "--patch", patchFile, "--here", "-C", temp.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Kill it as soon as it records that it is writing (after the checks, before the branch moves).
    let lockPath = temp.path + "/.git/assist.lock"
    var killedWhileWriting = false
    while process.isRunning {
      if let text = try? String(contentsOfFile: lockPath, encoding: .utf8), text.contains("writing")
      {
        kill(process.processIdentifier, SIGKILL)
        killedWhileWriting = true
        break
      }
      usleep(200)
    }
    process.waitUntilExit()
    try #require(killedWhileWriting, "the apply finished before it could be killed")

    _ = try temp.git("fsck", "--no-progress")  // throws on a non-zero exit
    let status = try temp.git("status", "--porcelain")
    let head = try temp.git("rev-parse", "HEAD")
    if head == base {
      // Killed before the branch moved: the partial write shows up as changes git explains.
      #expect(status.split(separator: "\n").allSatisfy { $0.hasSuffix(".txt") })
    } else {
      #expect(status == "")
    }
    // The next assist recovers the dead process's lock instead of refusing.
    let lock = try RepositoryLock(gitDirectory: temp.path + "/.git", purpose: "after")
    #expect(lock.interrupted?.contains("writing commit") == true)
  }
}
