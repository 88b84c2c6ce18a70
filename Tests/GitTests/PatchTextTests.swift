import AssistTesting
import Foundation
import Git
import Testing

/// The libgit2 1.5 quirks `PatchText.normalized` exists for, each proven on a real repository
/// with the patch git itself wrote.
@Suite struct PatchTextTests {
  /// Makes `change` in a scratch commit, returns git's `diff --binary -M` for it, and resets.
  static func gitPatch(
    _ temp: TemporaryRepository, _ change: (TemporaryRepository) throws -> Void
  ) throws -> (patch: String, tree: String) {
    let base = try temp.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
    try change(temp)
    let target = try temp.commitAll("target")
    let patch = try temp.git("diff", "--binary", "-M", base, target)
    let tree = try temp.git("rev-parse", "\(target)^{tree}")
    try temp.git("reset", "-q", "--hard", base)
    return (patch, tree)
  }

  static func applyAndCompare(_ temp: TemporaryRepository, _ patch: String, _ tree: String) throws {
    let repository = try Repository(at: temp.path)
    let check = try repository.check(diff: patch)
    #expect(check.applies, "\(check.failures)")
    try repository.apply(diff: patch)
    #expect(try temp.git("write-tree") == tree)
    #expect(
      try temp.git("status", "--porcelain").split(separator: "\n").allSatisfy { !$0.hasPrefix(" ") }
    )
  }

  @Test func emptyFilesCreatedAndDeleted() throws {
    let temp = try TemporaryRepository(files: ["keep.txt": "k\n", "old-empty": ""])
    let (patch, tree) = try Self.gitPatch(temp) { temp in
      try temp.write("new-empty", "")
      try FileManager.default.removeItem(atPath: temp.path + "/old-empty")
    }
    #expect(!patch.contains("---"))  // git writes these as headers only
    try Self.applyAndCompare(temp, patch, tree)
  }

  @Test func pathsWithSpacesQuotesAndUTF8() throws {
    let temp = try TemporaryRepository(files: ["dir/with space.txt": "a\n", "café.txt": "c\n"])
    let (patch, tree) = try Self.gitPatch(temp) { temp in
      try temp.write("dir/with space.txt", "b\n")
      try temp.write("new file.txt", "n\n")
      try temp.git("mv", "café.txt", "naïve name.txt")
    }
    #expect(patch.contains("+++ b/dir/with space.txt\t"))  // git's trailing tab
    try Self.applyAndCompare(temp, patch, tree)
    #expect(temp.read("naïve name.txt") == "c\n")
  }

  @Test func crlfLinesDoNotSwallowTheNextFileHeader() throws {
    let temp = try TemporaryRepository(files: ["a.txt": "x\r\ny\r\n", "b c.txt": "1\n"])
    let (patch, tree) = try Self.gitPatch(temp) { temp in
      try temp.write("a.txt", "x\r\nY\r\n")
      try temp.write("b c.txt", "2\n")
    }
    try Self.applyAndCompare(temp, patch, tree)
    #expect(temp.bytes("a.txt") == Array("x\r\nY\r\n".utf8))
  }

  @Test func existingSymlinksAreCheckedAgainstTheirTarget() throws {
    let temp = try TemporaryRepository(files: ["target.txt": "t\n"])
    try FileManager.default.createSymbolicLink(
      atPath: temp.path + "/link", withDestinationPath: "target.txt")
    try temp.commitAll("link")
    let (patch, _) = try Self.gitPatch(temp) { temp in
      try FileManager.default.removeItem(atPath: temp.path + "/link")
      try FileManager.default.createSymbolicLink(
        atPath: temp.path + "/link", withDestinationPath: "other.txt")
    }
    let repository = try Repository(at: temp.path)
    // The tree check is right; libgit2 1.5's working-tree reader follows the link (Workspace
    // checks out the verified tree instead, see WorkspaceApplyTests).
    #expect(try repository.check(diff: patch, against: "HEAD").applies)
  }

  @Test func traditionalDiffsGetAGitHeader() {
    let text = PatchText.normalized("--- a/x.txt\t2024-01-01\n+++ b/x.txt\n@@ -1 +1 @@\n-a\n+b")
    #expect(
      text == "diff --git a/x.txt b/x.txt\n--- a/x.txt\n+++ b/x.txt\n@@ -1 +1 @@\n-a\n+b\n")
    let created = PatchText.normalized("--- /dev/null\n+++ new.txt\n@@ -0,0 +1 @@\n+n\n")
    #expect(
      created.hasPrefix("diff --git a/new.txt b/new.txt\nnew file mode 100644\n--- /dev/null\n"))
  }

  @Test func declaredPathsKeepWhatLibgit2WouldCanonicalise() {
    let paths = PatchText.declaredPaths(
      in: "diff --git a//etc/x b//etc/x\n--- a//etc/x\n+++ b//etc/x\n@@ -1 +1 @@\n-a\n+b\n")
    #expect(paths == ["/etc/x", "/etc/x"])
  }

  @Test func aPureRenameKeepsTheExecutableBit() throws {
    let temp = try TemporaryRepository(files: ["run.sh": "#!/bin/sh\necho\n", "x": "x\n"])
    try temp.git("update-index", "--chmod=+x", "run.sh")
    try temp.commitAll("exec")
    try temp.git("reset", "-q", "--hard")
    let (patch, tree) = try Self.gitPatch(temp) { temp in
      try temp.git("mv", "run.sh", "run-renamed.sh")
    }
    #expect(!patch.contains("mode"))  // git states no mode for a 100% rename
    let repository = try Repository(at: temp.path)
    let head = try #require(try repository.head().commit)
    #expect(try repository.tree(applying: patch, to: head).hex + "\n" == tree)
    try Self.applyAndCompare(temp, patch, tree)
  }
}
