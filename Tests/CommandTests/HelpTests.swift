import ArgumentParser
import AssistKit
import Foundation
import Testing

@testable import assist

@Suite struct HelpTests {
  @Test func rootHelpNamesTheTool() {
    let help = Assist.helpMessage()
    #expect(help.contains("USAGE: assist"))
    #expect(help.contains("routes each to the cheapest model"))
  }
}

@Suite struct TaskOptionTests {
  @Test func anUnknownEditFormatIsRefusedWithTheKnownOnes() throws {
    do {
      _ = try Assist.parseAsRoot(["task", "fix clamp", "--edit-format", "diff3"])
      Issue.record("an unknown --edit-format was accepted")
    } catch {
      let message = Assist.message(for: error)
      #expect(message.contains("unknown --edit-format 'diff3'"), "\(message)")
      #expect(message.contains("whole-file") && message.contains("search-replace"))
    }
  }

  @Test func editFormatAndTranscriptReachTheCommand() throws {
    let parsed = try Assist.parseAsRoot([
      "task", "fix clamp", "--edit-format", "whole-file", "--transcript", "/tmp/t.md",
    ])
    let task = try #require(parsed as? TaskCommand)
    #expect(task.editFormat == "whole-file")
    #expect(task.transcript == "/tmp/t.md")
  }

  @Test func timeLimitIsParsedListedInHelpAndMustBePositive() throws {
    let parsed = try Assist.parseAsRoot(["task", "fix clamp", "--time-limit", "90"])
    #expect((parsed as? TaskCommand)?.timeLimit == 90)
    for bad in ["0", "-5"] {
      do {
        _ = try Assist.parseAsRoot(["task", "fix clamp", "--time-limit=\(bad)"])
        Issue.record("--time-limit \(bad) was accepted")
      } catch {
        #expect(Assist.message(for: error).contains("--time-limit must be a positive"))
      }
    }
    let help = Assist.helpMessage(for: TaskCommand.self)
    #expect(help.contains("--time-limit <seconds>"), "\(help)")
  }
}

@Suite struct TranscriptWriterTests {
  @Test func exchangesAreAppendedAsMarkdownWithTheirFencesIndented() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "transcript-\(UUID().uuidString).md"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "earlier run\n".write(toFile: path, atomically: true, encoding: .utf8)
    let writer = try TranscriptWriter(path: path)
    writer.handle(.notice("not an exchange"))
    writer.handle(
      .exchange(
        subtask: "s1", tier: "local-small", round: 0, prompt: "Fix clamp",
        reply: "```python\ndef clamp(v):\n    return v\n```"))
    writer.handle(
      .exchange(subtask: "s1", tier: "local-small", round: 1, prompt: "again", reply: "no"))
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.hasPrefix("earlier run\n"), "appends, never truncates")
    #expect(text.contains("## s1 · local-small · call\n"))
    #expect(text.contains("## s1 · local-small · reflection 1\n"))
    #expect(text.contains("\n    ```python\n    def clamp(v):\n        return v\n    ```\n"))
    #expect(!text.contains("not an exchange"))
  }

  @Test func anUnwritablePathIsAClearError() {
    #expect(throws: ValidationError.self) {
      _ = try TranscriptWriter(path: "/nonexistent-folder/t.md")
    }
  }
}
