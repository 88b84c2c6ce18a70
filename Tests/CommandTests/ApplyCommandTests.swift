import ArgumentParser
import AssistKit
import AssistTesting
import Foundation
import Testing

@testable import assist

@Suite struct ApplyCommandTests {
  @Test func patchIsTheOneRequiredSource() throws {
    #expect(throws: (any Error).self) { try Assist.parseAsRoot(["apply"]) }
    let command = try #require(
      try Assist.parseAsRoot(["apply", "--patch", "-", "--check", "--json"]) as? ApplyCommand)
    #expect(command.patch == "-")
    #expect(command.check)
    #expect(command.json)
  }

  @Test func hereAndBranchExcludeEachOther() {
    #expect(throws: (any Error).self) {
      try Assist.parseAsRoot(["apply", "--patch", "x.diff", "--here", "--branch", "b"])
    }
  }

  @Test func undoTakesAnOptionalRunID() throws {
    let latest = try #require(try Assist.parseAsRoot(["undo"]) as? UndoCommand)
    #expect(latest.id == nil)
    let one = try #require(
      try Assist.parseAsRoot(["undo", "ab12cd34", "--json"]) as? UndoCommand)
    #expect(one.id == "ab12cd34")
    #expect(one.json)
  }

  @Test func applyAndUndoRunEndToEndOnARealRepository() async throws {
    let temp = try TemporaryRepository(files: ["a.txt": "a\nb\nc\n"])
    let patchFile = temp.path + "/.git/change.diff"
    try "--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n".write(
      toFile: patchFile, atomically: true, encoding: .utf8)
    var apply = try #require(
      try Assist.parseAsRoot(["apply", "--patch", patchFile, "--here", "-C", temp.path])
        as? ApplyCommand)
    try await apply.run()
    #expect(temp.read("a.txt") == "a\nB\nc\n")
    #expect(try temp.git("log", "-1", "--format=%s") == "Apply patch change.diff\n")
    var undo = try #require(try Assist.parseAsRoot(["undo", "-C", temp.path]) as? UndoCommand)
    try await undo.run()
    #expect(temp.read("a.txt") == "a\nb\nc\n")
  }

  @Test func aLatin1PatchFileLandsByteExactThroughApplyHere() async throws {
    let temp = try TemporaryRepository()
    let name: [UInt8] = Array("Tyge L".utf8) + [0xF8] + Array("vset\n".utf8)
    try temp.write("ChangeLog", bytes: name + Array("old\n".utf8))
    let base = try temp.commitAll("latin-1")
    try temp.write("ChangeLog", bytes: name + Array("new ".utf8) + [0xE9, 0x0A])
    let target = try temp.commitAll("edit")
    let patchFile = temp.path + "/.git/latin1.diff"
    try temp.git("diff", "--binary", "--output=" + patchFile, base, target)
    try temp.git("reset", "-q", "--hard", base)
    var apply = try #require(
      try Assist.parseAsRoot(["apply", "--patch", patchFile, "--here", "-C", temp.path])
        as? ApplyCommand)
    try await apply.run()
    #expect(temp.bytes("ChangeLog") == name + Array("new ".utf8) + [0xE9, 0x0A])
    #expect(try temp.git("rev-parse", "HEAD^{tree}") == temp.git("rev-parse", target + "^{tree}"))
  }

  @Test func resumeHonoursTheRunsOwnApplyUnlessItsFlagsSayMore() throws {
    let none = try #require(try Assist.parseAsRoot(["resume", "abc"]) as? ResumeCommand)
    #expect(none.landing.honouring(nil) == (false, false))
    #expect(none.landing.honouring(.init(here: true)) == (true, true))
    #expect(none.landing.honouring(.init(here: false)) == (true, false))
    let apply = try #require(
      try Assist.parseAsRoot(["resume", "abc", "--apply"]) as? ResumeCommand)
    #expect(apply.landing.honouring(nil) == (true, false))
    let task = try #require(
      try Assist.parseAsRoot(["task", "x", "--apply", "--here"]) as? TaskCommand)
    #expect(task.landing.request == .init(here: true))
  }
}
