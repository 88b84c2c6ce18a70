import ArgumentParser
import AssistTesting
import Foundation
import Testing

@testable import assist

@Suite struct ApplyEditsCommandTests {
  static let app = "def greet(name):\n    return \"Hello, \" + name\n"

  func write(_ text: String) throws -> String {
    let path =
      FileManager.default.temporaryDirectory.path + "/assist-edits-\(UUID().uuidString).txt"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func editsAndPatchExcludeEachOtherAndFormatsAreChecked() throws {
    #expect(throws: (any Error).self) {
      try ApplyCommand.parse(["--edits", "a.txt", "--patch", "b.diff"])
    }
    #expect(throws: (any Error).self) {
      try ApplyCommand.parse(["--edits", "a.txt", "--edit-format", "json"])
    }
    #expect(throws: (any Error).self) { try ApplyCommand.parse(["--edit-format", "udiff"]) }
    let command = try ApplyCommand.parse(["--edits", "-", "--edit-format", "udiff", "--check"])
    #expect(command.edits == "-")
    #expect(command.editFormat == "udiff")
  }

  @Test func acceptedEditsLandAsACommitOnTheCurrentBranch() async throws {
    let repository = try TemporaryRepository(files: ["app.py": Self.app])
    let reply = try write(
      "app.py\n```\n<<<<<<< SEARCH\n    return \"Hello, \" + name\n=======\n"
        + "    return \"Hi, \" + name\n>>>>>>> REPLACE\n```\n")
    let command = try ApplyCommand.parse(["--edits", reply, "--here", "-C", repository.path])
    try await command.run()
    #expect(repository.read("app.py") == "def greet(name):\n    return \"Hi, \" + name\n")
    #expect(try repository.git("status", "--porcelain") == "")
    #expect(try repository.git("log", "-1", "--format=%s").hasPrefix("Apply edits"))
  }

  @Test func refusedEditsFailAndLeaveTheTreeAlone() async throws {
    let repository = try TemporaryRepository(files: ["app.py": Self.app])
    let reply = try write(
      "--- a/app.py\n+++ b/app.py\n@@ @@\n def greet(name):\n-    return \"Hello, \" + name\n"
        + "+    return make_greeting(name)\n")
    let command = try ApplyCommand.parse(["--edits", reply, "-C", repository.path])
    await #expect(throws: ExitCode.failure) { try await command.run() }
    #expect(repository.read("app.py") == Self.app)
    #expect(try repository.git("log", "--oneline").split(separator: "\n").count == 1)
  }
}
