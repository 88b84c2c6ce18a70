import AssistKit
import AssistTesting
import Foundation
import Git
import Testing

@Suite struct PathPolicyTests {
  /// A patch creating `path`, written by hand so that git's own path checks do not interfere.
  static func creating(_ path: String) -> String {
    "diff --git a/\(path) b/\(path)\nnew file mode 100644\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1 @@\n+pwned\n"
  }

  @Test(arguments: [
    ("../outside.txt", PathViolation.Reason.outsideRepository),
    ("src/../../outside.txt", .outsideRepository),
    (".git/hooks/pre-commit", .gitDirectory),
    (".GIT/config", .gitDirectory),
    ("sub/.git/config", .gitDirectory),
  ])
  func unsafePathsAreRefusedBeforeAnythingIsWritten(path: String, reason: PathViolation.Reason)
    async throws
  {
    let temp = try TemporaryRepository(files: ["a.txt": "a\n"])
    let before = try snapshot(temp)
    let workspace = try Workspace(at: temp.path)
    let report = try await workspace.check(patch: Self.creating(path))
    #expect(report.unsafePaths.map(\.reason) == [reason])
    await #expect(throws: WorkspaceError.self) {
      try await workspace.apply(
        patch: Self.creating(path), metadata: CommitMetadata(runID: "p", message: "m"))
    }
    #expect(try snapshot(temp) == before)
    #expect(!FileManager.default.fileExists(atPath: temp.path + "/../outside.txt"))
  }

  @Test func anAbsolutePathInAPatchIsRefused() async throws {
    let temp = try TemporaryRepository(files: ["a.txt": "a\n"])
    let report = try await Workspace(at: temp.path).check(
      patch:
        "diff --git a//tmp/pwned b//tmp/pwned\nnew file mode 100644\n--- /dev/null\n+++ b//tmp/pwned\n@@ -0,0 +1 @@\n+x\n"
    )
    #expect(report.unsafePaths.map(\.reason) == [.absolute])
  }

  @Test func absolutePathsAreRefused() {
    let policy = PathPolicy(root: "/tmp/repo")
    #expect(policy.violation(of: "/etc/passwd")?.reason == .absolute)
    #expect(policy.violation(of: "src/ok.swift") == nil)
    #expect(policy.violation(of: "a//b")?.reason == .outsideRepository)
  }

  @Test func aSymlinkedFolderThatLeavesTheRepositoryIsRefused() async throws {
    let outside = try TemporaryRepository()
    let temp = try TemporaryRepository(files: ["a.txt": "a\n"])
    try FileManager.default.createSymbolicLink(
      atPath: temp.path + "/escape", withDestinationPath: outside.path)
    try FileManager.default.createSymbolicLink(
      atPath: temp.path + "/dangling", withDestinationPath: "/nonexistent-assist-dir")
    try FileManager.default.createSymbolicLink(
      atPath: temp.path + "/inside", withDestinationPath: "src")
    try temp.write("src/keep.txt", "k\n")
    try temp.commitAll("links")
    let workspace = try Workspace(at: temp.path)
    for path in ["escape/pwned.txt", "dangling/pwned.txt"] {
      let report = try await workspace.check(patch: Self.creating(path))
      #expect(report.unsafePaths.map(\.reason) == [.escapingSymlink], "\(path)")
    }
    #expect(FileManager.default.fileExists(atPath: outside.path + "/pwned.txt") == false)
    // A symlink that stays inside the repository is fine for the rules.
    let inside = try await workspace.check(patch: Self.creating("inside/new.txt"))
    #expect(inside.unsafePaths.isEmpty)
  }

  @Test func writingThroughASymlinkThePatchCreatesIsRefused() async throws {
    let temp = try TemporaryRepository(files: ["a.txt": "a\n"])
    let patch =
      "diff --git a/link b/link\nnew file mode 120000\n--- /dev/null\n+++ b/link\n@@ -0,0 +1 @@\n+/etc\n\\ No newline at end of file\n"
      + Self.creating("link/pwned")
    let report = try await Workspace(at: temp.path).check(patch: patch)
    #expect(report.unsafePaths.map(\.reason) == [.throughNewSymlink])
  }
}
