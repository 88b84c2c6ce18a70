import AssistTesting
import Foundation
import Git
import Testing

/// Patches are bytes: text in any encoding must land exactly as git wrote it, never re-encoded.
@Suite struct PatchBytesTests {
  /// "Tyge Løvset" in Latin-1: the ø is the single byte F8, not valid UTF-8.
  static let latin1Name: [UInt8] = Array("Tyge L".utf8) + [0xF8] + Array("vset\n".utf8)

  /// Makes `change` in a commit and returns git's own `diff --binary -M` bytes for it and its tree.
  static func gitPatch(
    _ temp: TemporaryRepository, _ change: (TemporaryRepository) throws -> Void
  ) throws -> (patch: [UInt8], tree: String) {
    let base = try temp.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
    try change(temp)
    let target = try temp.commitAll("target")
    let file = temp.path + "/.git/change.diff"
    try temp.git("diff", "--binary", "-M", "--output=" + file, base, target)
    let patch = try #require(FileManager.default.contents(atPath: file)).map { $0 }
    let tree = try temp.git("rev-parse", "\(target)^{tree}")
    try temp.git("reset", "-q", "--hard", base)
    return (patch, tree)
  }

  @Test func normalisingKeepsEveryByteOfALatin1Patch() throws {
    let patch: [UInt8] =
      Array(
        "diff --git a/ChangeLog b/ChangeLog\n--- a/ChangeLog\n+++ b/ChangeLog\n@@ -1 +1,2 @@\n "
          .utf8)
      + Self.latin1Name + Array("+Jean-lo".utf8) + [0xEF, 0xBF, 0xFE, 0x0D] + Array("\n".utf8)
    #expect(PatchText.normalized(patch) == patch)
  }

  @Test func latin1ContextAndAddedLinesLandByteExactInTheTree() throws {
    let temp = try TemporaryRepository()
    try temp.write("ChangeLog", bytes: Array("top\n".utf8) + Self.latin1Name + Array("end\n".utf8))
    try temp.commitAll("latin-1")
    let (patch, tree) = try Self.gitPatch(temp) { temp in
      try temp.write(
        "ChangeLog",
        bytes: Array("TOP\n".utf8) + Self.latin1Name + [0xE9, 0x0A] + Array("end\n".utf8))
    }
    let repository = try Repository(at: temp.path)
    let head = try repository.head().commit
    let applied = try repository.tree(applying: patch, to: head)
    #expect(applied.description + "\n" == tree)
  }

  @Test func latin1PatchAppliedToIndexAndWorkingTreeKeepsItsBytes() throws {
    let temp = try TemporaryRepository()
    try temp.write("INDEX", bytes: Self.latin1Name + Array("a\r\nno newline".utf8))
    try temp.commitAll("latin-1 and crlf")
    let (patch, tree) = try Self.gitPatch(temp) { temp in
      try temp.write("INDEX", bytes: Self.latin1Name + [0xF8] + Array("b\r\nno newline!".utf8))
    }
    let repository = try Repository(at: temp.path)
    #expect(try repository.check(diff: patch).applies)
    try repository.apply(diff: patch)
    #expect(try temp.git("write-tree") == tree)
    #expect(temp.bytes("INDEX") == Self.latin1Name + [0xF8] + Array("b\r\nno newline!".utf8))
  }
}
