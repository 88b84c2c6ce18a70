import AssistTesting
import Foundation
import Git
import Testing

/// A snapshot of index and working tree, to prove that a failed apply changed nothing.
private func snapshot(_ temp: TemporaryRepository) throws -> String {
  let index = try temp.git("ls-files", "--stage", "--debug")
  let files = try FileManager.default.subpathsOfDirectory(atPath: temp.path)
    .filter { !$0.hasPrefix(".git") }.sorted()
    .map { "\($0):\(temp.bytes($0).map { $0.hashValue } ?? 0)" }
  return index + files.joined(separator: "\n")
}

@Suite struct ApplyTests {
  static let base = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n"

  @Test func checkPassesAndApplyWritesIndexAndWorkingTree() throws {
    let temp = try TemporaryRepository(files: ["a.txt": Self.base])
    let diff = try TextDiff.patch(
      old: Self.base, new: Self.base.replacingOccurrences(of: "two", with: "TWO"), path: "a.txt")
    let repository = try Repository(at: temp.path)
    let check = try repository.check(diff: diff)
    #expect(check.applies)
    #expect(check.patch.files.map(\.path) == ["a.txt"])
    #expect(check.patch.files.first?.hunks.first?.additions == 1)
    #expect(temp.read("a.txt") == Self.base)
    try repository.apply(diff: diff)
    #expect(temp.read("a.txt")?.contains("TWO") == true)
    #expect(try temp.git("diff", "--cached", "--name-only") == "a.txt\n")
  }

  @Test func aFailingHunkIsNamedAndLeavesEverythingByteIdentical() throws {
    let temp = try TemporaryRepository(files: ["a.txt": Self.base, "b.txt": "b\n"])
    let good = try TextDiff.patch(old: "b\n", new: "B\n", path: "b.txt")
    let stale = Self.base.replacingOccurrences(of: "nine", with: "NINE")
    let bad = try TextDiff.patch(
      old: stale, new: stale.replacingOccurrences(of: "NINE", with: "9"), path: "a.txt")
    let before = try snapshot(temp)
    let repository = try Repository(at: temp.path)
    let check = try repository.check(diff: good + bad)
    #expect(!check.applies)
    let failure = try #require(check.failures.first)
    #expect(check.failures.count == 1)
    #expect(failure.path == "a.txt")
    #expect(failure.hunk == 1)
    #expect(failure.hunkHeader?.hasPrefix("@@ -6,5 +6,5 @@") == true)
    #expect(failure.reason.contains("did not apply"))
    let error = #expect(throws: GitError.self) { try repository.apply(diff: good + bad) }
    #expect(error?.code == .applyFailed)
    #expect(error?.failures.first?.path == "a.txt")
    #expect(try snapshot(temp) == before)
  }

  @Test func checkAgainstHeadIgnoresTheWorkingTree() throws {
    let temp = try TemporaryRepository(files: ["a.txt": Self.base])
    try temp.write("a.txt", "rewritten\n")
    let diff = try TextDiff.patch(
      old: Self.base, new: Self.base.replacingOccurrences(of: "ten", with: "10"), path: "a.txt")
    let repository = try Repository(at: temp.path)
    #expect(try repository.check(diff: diff, against: "HEAD").applies)
    let workdir = try repository.check(diff: diff, location: .both)
    #expect(!workdir.applies)
    #expect(workdir.failures.first?.path == "a.txt")
  }

  @Test func emptyPatchIsNothingToApplyNotSuccess() throws {
    let temp = try TemporaryRepository(files: ["a.txt": "a\n"])
    let repository = try Repository(at: temp.path)
    for text in ["", "\n", "just some words\n"] {
      let error = #expect(throws: GitError.self) { try repository.apply(diff: text) }
      #expect(error?.code == .emptyPatch)
      #expect(error?.message == "nothing to apply")
    }
  }

  @Test func plainUnifiedDiffWithoutGitHeaderApplies() throws {
    let temp = try TemporaryRepository(files: ["src/a.txt": "x\ny\nz\n"])
    let plain = """
      --- a/src/a.txt\t2024-01-01 00:00:00
      +++ b/src/a.txt\t2024-01-02 00:00:00
      @@ -1,3 +1,3 @@
       x
      -y
      +Y
       z
      --- /dev/null
      +++ b/src/new.txt
      @@ -0,0 +1 @@
      +new
      """
    let repository = try Repository(at: temp.path)
    try repository.apply(diff: plain)
    #expect(temp.read("src/a.txt") == "x\nY\nz\n")
    #expect(temp.read("src/new.txt") == "new\n")
  }

  @Test func removedLineStartingWithDashesIsNotAFileHeader() throws {
    let temp = try TemporaryRepository(files: ["a.sql": "select 1;\n-- comment\n++ plus\n"])
    let plain = """
      --- a.sql
      +++ a.sql
      @@ -1,3 +1,1 @@
       select 1;
      --- comment
      -++ plus
      """
    try Repository(at: temp.path).apply(diff: plain)
    #expect(temp.read("a.sql") == "select 1;\n")
  }

  @Test func missingFinalNewlineInPatchAndInFileBothWork() throws {
    let temp = try TemporaryRepository(files: ["a.txt": "a\nb"])
    let diff =
      "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file"
    try Repository(at: temp.path).apply(diff: diff)
    #expect(temp.read("a.txt") == "a\nc")
  }

  @Test func crlfFilesKeepTheirLineEndings() throws {
    let temp = try TemporaryRepository(files: ["w.txt": "one\r\ntwo\r\nthree\r\n"])
    let diff = try TextDiff.patch(
      old: "one\r\ntwo\r\nthree\r\n", new: "one\r\n2\r\nthree\r\n", path: "w.txt")
    try Repository(at: temp.path).apply(diff: diff)
    #expect(temp.read("w.txt") == "one\r\n2\r\nthree\r\n")
    #expect(try temp.git("status", "--porcelain") == "M  w.txt\n")
  }

  @Test func binaryRenameAndModeChangePatchesFromGitApply() throws {
    var bytes = [UInt8](repeating: 0, count: 300)
    for index in bytes.indices { bytes[index] = UInt8(index % 251) }
    let temp = try TemporaryRepository(files: ["old-name.txt": Self.base, "run.sh": "echo hi\n"])
    try temp.write("blob.bin", bytes: bytes)
    let base = try temp.commitAll("binary")
    try temp.git("mv", "old-name.txt", "new-name.txt")
    try temp.write("new-name.txt", Self.base + "eleven\n")
    try temp.git("update-index", "--chmod=+x", "run.sh")
    try temp.git("add", "-A")
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: temp.path + "/run.sh")
    bytes[7] = 200
    try temp.write("blob.bin", bytes: bytes)
    let target = try temp.commitAll("changes")
    let diff = try temp.git("diff", "--binary", "-M", base, target)
    try temp.git("reset", "-q", "--hard", base)
    let repository = try Repository(at: temp.path)
    let patch = try repository.check(diff: diff)
    #expect(patch.applies)
    let statuses = Dictionary(uniqueKeysWithValues: patch.patch.files.map { ($0.path, $0) })
    #expect(statuses["new-name.txt"]?.status == .renamed)
    #expect(statuses["new-name.txt"]?.oldPath == "old-name.txt")
    #expect(statuses["blob.bin"]?.isBinary == true)
    #expect(statuses["run.sh"]?.newMode == 0o100755)
    try repository.apply(diff: diff)
    #expect(temp.bytes("blob.bin") == bytes)
    #expect(temp.read("old-name.txt") == nil)
    let tree = try temp.git("write-tree")
    #expect(tree == (try temp.git("rev-parse", "\(target)^{tree}")))
    let mode =
      try FileManager.default.attributesOfItem(atPath: temp.path + "/run.sh")[.posixPermissions]
      as? Int
    #expect(mode.map { $0 & 0o111 != 0 } == true)
  }

  @Test func newFileOverAnExistingPathIsRefused() throws {
    let temp = try TemporaryRepository(files: ["a.txt": "tracked\n"])
    try temp.write("u.txt", "untracked\n")
    let repository = try Repository(at: temp.path)
    for path in ["a.txt", "u.txt"] {
      let diff = try TextDiff.patch(old: nil, new: "new\n", path: path)
      let check = try repository.check(diff: diff)
      #expect(!check.applies, "\(path)")
      #expect(check.failures.first?.path == path)
    }
    #expect(temp.read("a.txt") == "tracked\n")
    #expect(temp.read("u.txt") == "untracked\n")
  }

  @Test func treeApplyingWritesObjectsOnly() throws {
    let temp = try TemporaryRepository(files: ["a.txt": "a\n"])
    let repository = try Repository(at: temp.path)
    let diff = try TextDiff.patch(old: "a\n", new: "b\n", path: "a.txt")
    let head = try #require(try repository.head().commit)
    let tree = try repository.tree(applying: diff, to: head)
    #expect(try temp.git("cat-file", "-p", "\(tree.hex):a.txt") == "b\n")
    #expect(temp.read("a.txt") == "a\n")
    #expect(try temp.git("status", "--porcelain") == "")
  }

  @Test func aLargePatchsObjectsAreWrittenAsOnePackThatGitAccepts() throws {
    var files: [String: String] = [:]
    for index in 0..<150 { files["f\(index).txt"] = "\(index)\n" }
    let temp = try TemporaryRepository(files: files)
    var diff = ""
    for index in 0..<150 {
      diff += try TextDiff.patch(
        old: "\(index)\n", new: "\(index) changed\n", path: "f\(index).txt")
    }
    let repository = try Repository(at: temp.path)
    let packsBefore = try temp.git("count-objects", "-v")
    let tree = try repository.tree(applying: diff, to: try repository.head().commit)
    #expect(try temp.git("cat-file", "-p", "\(tree.hex):f42.txt") == "42 changed\n")
    _ = try temp.git("fsck", "--no-progress")
    let packsAfter = try temp.git("count-objects", "-v")
    #expect(packsBefore.contains("packs: 0"))
    #expect(packsAfter.contains("packs: 1"))
  }
}
