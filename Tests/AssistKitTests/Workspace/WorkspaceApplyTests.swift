import AssistKit
import AssistTesting
import Foundation
import Git
import Testing

/// Index entries plus every working-tree file's bytes: equal snapshots mean nothing was written.
func snapshot(_ temp: TemporaryRepository) throws -> String {
  let index = try temp.git("ls-files", "--stage")
  let files = try FileManager.default.subpathsOfDirectory(atPath: temp.path)
    .filter { $0 != ".git" && !$0.hasPrefix(".git/") }.sorted()
    .map { "\($0) \(temp.bytes($0)?.description ?? "dir")" }
  let refs = try temp.git("for-each-ref", "--format=%(refname) %(objectname)")
  let head = try temp.git("symbolic-ref", "-q", "HEAD")
  return ([index, refs, head] + files).joined(separator: "\n")
}

@Suite struct WorkspaceApplyTests {
  static let text = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"

  static func edit(_ text: String, _ from: String, _ to: String) -> String {
    text.replacingOccurrences(of: from + "\n", with: to + "\n")
  }

  @Test func applyCommitsOnANewAssistBranchWithTrailers() async throws {
    let temp = try TemporaryRepository(files: ["a.txt": Self.text])
    let diff = try TextDiff.patch(
      old: Self.text, new: Self.edit(Self.text, "line 3", "three"), path: "a.txt")
    let workspace = try Workspace(at: temp.path)
    let metadata = CommitMetadata(
      runID: "r1", message: "Rename line three", agent: "migration", model: "qwen2.5-coder-0.5b",
      tier: "local", costUSD: 0)
    let landed = try await workspace.apply(patch: diff, metadata: metadata)
    #expect(landed.branch == "assist/r1")
    #expect(try temp.git("symbolic-ref", "HEAD") == "refs/heads/assist/r1\n")
    #expect(try temp.git("rev-parse", "HEAD") == landed.commit.hex + "\n")
    let body = try temp.git("log", "-1", "--format=%B")
    #expect(body.hasPrefix("Rename line three\n\n"))
    let trailers = try temp.git("log", "-1", "--format=%(trailers:only,unfold)")
    #expect(
      trailers
        == "Assist-Run: r1\nAssist-Agent: migration\nAssist-Model: qwen2.5-coder-0.5b\nAssist-Tier: local\nAssist-Cost: $0.000000\n\n"
    )
    #expect(try temp.git("status", "--porcelain") == "")
    #expect(temp.read("a.txt")?.contains("three\n") == true)
    #expect(landed.files.map(\.path) == ["a.txt"])
  }

  @Test func applyHereCommitsOnTheCurrentBranchAndKeepsUnrelatedWork() async throws {
    let temp = try TemporaryRepository(files: ["a.txt": Self.text, "b.txt": "b\n", "c.txt": "c\n"])
    try temp.write("b.txt", "user edit\n")
    try temp.write("c.txt", "staged by user\n")
    try temp.git("add", "c.txt")
    let diff = try TextDiff.patch(
      old: Self.text, new: Self.edit(Self.text, "line 9", "nine"), path: "a.txt")
    let landed = try await Workspace(at: temp.path).apply(
      patch: diff, metadata: CommitMetadata(runID: "r2", message: "m"), placement: .currentBranch)
    #expect(landed.branch == "main")
    #expect(try temp.git("show", "--name-only", "--format=", "HEAD") == "a.txt\n")
    #expect(try temp.git("status", "--porcelain") == " M b.txt\nM  c.txt\n")
    #expect(temp.read("b.txt") == "user edit\n")
  }

  @Test(arguments: ["unstaged", "staged", "untracked", "ignored"])
  func aDirtyFileIsNeverOverwritten(kind: String) async throws {
    let temp = try TemporaryRepository(files: ["a.txt": Self.text, ".gitignore": "*.log\n"])
    let diff: String
    switch kind {
    case "unstaged":
      try temp.write("a.txt", Self.text + "mine\n")
      diff = try TextDiff.patch(
        old: Self.text, new: Self.edit(Self.text, "line 1", "one"), path: "a.txt")
    case "staged":
      try temp.write("a.txt", Self.text + "mine\n")
      try temp.git("add", "a.txt")
      diff = try TextDiff.patch(
        old: Self.text, new: Self.edit(Self.text, "line 1", "one"), path: "a.txt")
    case "untracked":
      try temp.write("new.txt", "mine\n")
      diff = try TextDiff.patch(old: nil, new: "theirs\n", path: "new.txt")
    default:
      try temp.write("new.log", "mine\n")
      diff = try TextDiff.patch(old: nil, new: "theirs\n", path: "new.log")
    }
    let before = try snapshot(temp)
    let workspace = try Workspace(at: temp.path)
    let report = try await workspace.check(patch: diff)
    #expect(report.uncommitted.count == 1)
    await #expect(throws: WorkspaceError.uncommittedChanges(report.uncommitted)) {
      try await workspace.apply(patch: diff, metadata: CommitMetadata(runID: "d", message: "m"))
    }
    #expect(try snapshot(temp) == before)
  }

  @Test func aFailingHunkLeavesIndexWorkingTreeAndRefsByteIdentical() async throws {
    let temp = try TemporaryRepository(files: ["a.txt": Self.text, "b.txt": "b\n"])
    let good = try TextDiff.patch(old: "b\n", new: "B\n", path: "b.txt")
    let stale = Self.edit(Self.text, "line 15", "fifteen")
    let bad = try TextDiff.patch(old: stale, new: Self.edit(stale, "fifteen", "15"), path: "a.txt")
    let before = try snapshot(temp)
    let workspace = try Workspace(at: temp.path)
    let error = await #expect(throws: WorkspaceError.self) {
      try await workspace.apply(
        patch: good + bad, metadata: CommitMetadata(runID: "f", message: "m"))
    }
    guard case .doesNotApply(let failures) = error else {
      Issue.record("expected doesNotApply, got \(String(describing: error))")
      return
    }
    #expect(failures.map(\.path) == ["a.txt"])
    #expect(failures.first?.hunk == 1)
    #expect(error?.description.contains("a.txt hunk 1 (@@ -12,7 +12,7 @@") == true)
    #expect(try snapshot(temp) == before)
  }

  @Test func emptyAndMalformedPatchesAreRefused() async throws {
    let temp = try TemporaryRepository(files: ["a.txt": "a\n"])
    let workspace = try Workspace(at: temp.path)
    await #expect(throws: WorkspaceError.nothingToApply) {
      try await workspace.apply(patch: "", metadata: CommitMetadata(runID: "e", message: "m"))
    }
    await #expect(throws: GitError.self) {
      try await workspace.check(
        patch: "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -x +y @@\n")
    }
  }

  @Test func applyOnAnUnbornBranchMakesTheFirstCommit() async throws {
    let temp = try TemporaryRepository()
    let diff = try TextDiff.patch(old: nil, new: "hello\n", path: "README")
    let landed = try await Workspace(at: temp.path).apply(
      patch: diff, metadata: CommitMetadata(runID: "u", message: "first"), placement: .currentBranch
    )
    #expect(landed.parent == nil)
    #expect(try temp.git("log", "--format=%s") == "first\n")
    #expect(temp.read("README") == "hello\n")
  }

  @Test func anExistingBranchNameIsRefusedBeforeWriting() async throws {
    let temp = try TemporaryRepository(files: ["a.txt": "a\n"])
    try temp.git("branch", "assist/x")
    let diff = try TextDiff.patch(old: "a\n", new: "b\n", path: "a.txt")
    let before = try snapshot(temp)
    await #expect(throws: WorkspaceError.branchExists("assist/x")) {
      try await Workspace(at: temp.path).apply(
        patch: diff, metadata: CommitMetadata(runID: "x", message: "m"))
    }
    #expect(try snapshot(temp) == before)
  }
}

@Suite struct WorkspaceSymlinkTests {
  @Test func aPatchRetargetingAnExistingSymlinkLandsAndUndoes() async throws {
    let temp = try TemporaryRepository(files: ["target.txt": "t\n", "other.txt": "o\n"])
    try FileManager.default.createSymbolicLink(
      atPath: temp.path + "/link", withDestinationPath: "target.txt")
    let base = try temp.commitAll("link")
    try FileManager.default.removeItem(atPath: temp.path + "/link")
    try FileManager.default.createSymbolicLink(
      atPath: temp.path + "/link", withDestinationPath: "other.txt")
    let target = try temp.commitAll("retarget")
    let patch = try temp.git("diff", "--binary", base, target)
    try temp.git("reset", "-q", "--hard", base)
    let workspace = try Workspace(at: temp.path)
    _ = try await workspace.apply(
      patch: patch, metadata: CommitMetadata(runID: "s", message: "m"), placement: .currentBranch)
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: temp.path + "/link") == "other.txt")
    #expect(try temp.git("status", "--porcelain") == "")
    _ = try await workspace.undo()
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: temp.path + "/link") == "target.txt"
    )
    #expect(try temp.git("status", "--porcelain") == "")
  }
}
