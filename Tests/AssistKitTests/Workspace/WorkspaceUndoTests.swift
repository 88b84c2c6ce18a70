import AssistKit
import AssistTesting
import Foundation
import Git
import Testing

@Suite struct WorkspaceUndoTests {
  static let text = (1...30).map { "line \($0)" }.joined(separator: "\n") + "\n"

  @Test func applyThenUndoRestoresTheExactTree() async throws {
    var bytes = [UInt8](repeating: 7, count: 500)
    let temp = try TemporaryRepository(files: [
      "a.txt": Self.text, "old.txt": Self.text, "gone.txt": "x\n", "run.sh": "echo\n",
    ])
    try temp.write("bin.dat", bytes: bytes)
    let base = try temp.commitAll("binary")
    let baseTree = try temp.git("rev-parse", "HEAD^{tree}")
    // Build a varied change with git itself, then hand its patch to assist.
    try temp.git("checkout", "-q", "-b", "scratch")
    try temp.write("a.txt", Self.text.replacingOccurrences(of: "line 2\n", with: "two\n"))
    try temp.git("mv", "old.txt", "new.txt")
    try temp.git("rm", "-q", "gone.txt")
    try temp.git("update-index", "--chmod=+x", "run.sh")
    bytes[3] = 0
    try temp.write("bin.dat", bytes: bytes)
    try temp.write("added/file.txt", "new\n")
    let changed = try temp.commitAll("change")
    let patch = try temp.git("diff", "--binary", "-M", base, changed)
    try temp.git("checkout", "-q", "-f", "main")
    try temp.git("branch", "-q", "-D", "scratch")

    let workspace = try Workspace(at: temp.path)
    let landed = try await workspace.apply(
      patch: patch, metadata: CommitMetadata(runID: "v1", message: "varied"),
      placement: .currentBranch)
    #expect(
      try temp.git("rev-parse", "HEAD^{tree}") == (try temp.git("rev-parse", "\(changed)^{tree}")))
    let undo = try await workspace.undo(runID: "v1")
    #expect(undo.parent == landed.commit)
    #expect(try temp.git("rev-parse", "HEAD^{tree}") == baseTree)
    #expect(try temp.git("status", "--porcelain") == "")
    #expect(temp.bytes("bin.dat")?[3] == 7)
    #expect(try temp.git("log", "-1", "--format=%(trailers:key=Assist-Undo,valueonly)") == "v1\n\n")
    await #expect(throws: WorkspaceError.alreadyUndone("v1")) {
      try await workspace.undo(runID: "v1")
    }
  }

  @Test func undoWithoutAnIdTakesTheLatestRunNotYetUndone() async throws {
    let temp = try TemporaryRepository(files: ["a.txt": Self.text])
    let workspace = try Workspace(at: temp.path)
    var current = Self.text
    for (run, line) in [("first", "line 3"), ("second", "line 20")] {
      let next = current.replacingOccurrences(of: line + "\n", with: "\(line) \(run)\n")
      let diff = try TextDiff.patch(old: current, new: next, path: "a.txt")
      _ = try await workspace.apply(
        patch: diff, metadata: CommitMetadata(runID: run, message: run), placement: .currentBranch)
      current = next
    }
    #expect(try await workspace.undo().runID == "second")
    #expect(try await workspace.undo().runID == "first")
    #expect(temp.read("a.txt") == Self.text)
    await #expect(throws: WorkspaceError.runNotFound(nil)) { try await workspace.undo() }
    await #expect(throws: WorkspaceError.runNotFound("nope")) {
      try await workspace.undo(runID: "nope")
    }
  }

  @Test func undoRefusesWhenALaterCommitChangedTheSameLinesButNotOtherLines() async throws {
    let temp = try TemporaryRepository(files: ["a.txt": Self.text])
    let workspace = try Workspace(at: temp.path)
    let assisted = Self.text.replacingOccurrences(of: "line 5\n", with: "five\n")
    _ = try await workspace.apply(
      patch: try TextDiff.patch(old: Self.text, new: assisted, path: "a.txt"),
      metadata: CommitMetadata(runID: "r", message: "m"), placement: .currentBranch)
    // The user edits far-away lines: undo keeps them.
    try temp.write("a.txt", assisted.replacingOccurrences(of: "line 25\n", with: "twenty-five\n"))
    try temp.commitAll("user: other lines")
    // Then the user edits the very line assist wrote: undo must refuse.
    try temp.write(
      "a.txt", temp.read("a.txt")?.replacingOccurrences(of: "five\n", with: "FIVE\n") ?? "")
    let userTip = try temp.commitAll("user: same line")
    let before = try snapshot(temp)
    await #expect(throws: WorkspaceError.undoConflicts(run: "r", paths: ["a.txt"])) {
      try await workspace.undo(runID: "r")
    }
    #expect(try snapshot(temp) == before)
    // Without the same-line edit, the undo goes through and keeps the user's other change.
    try temp.git("reset", "-q", "--hard", "HEAD~1")
    _ = userTip
    _ = try await workspace.undo(runID: "r")
    #expect(
      temp.read("a.txt") == Self.text.replacingOccurrences(of: "line 25\n", with: "twenty-five\n"))
  }

  @Test func undoRefusesOverUncommittedEditsToTheSameFile() async throws {
    let temp = try TemporaryRepository(files: ["a.txt": Self.text])
    let workspace = try Workspace(at: temp.path)
    let assisted = Self.text.replacingOccurrences(of: "line 5\n", with: "five\n")
    _ = try await workspace.apply(
      patch: try TextDiff.patch(old: Self.text, new: assisted, path: "a.txt"),
      metadata: CommitMetadata(runID: "r", message: "m"), placement: .currentBranch)
    try temp.write("a.txt", assisted + "uncommitted\n")
    await #expect(throws: WorkspaceError.uncommittedChanges(["a.txt"])) {
      try await workspace.undo(runID: "r")
    }
    #expect(temp.read("a.txt") == assisted + "uncommitted\n")
  }
}
