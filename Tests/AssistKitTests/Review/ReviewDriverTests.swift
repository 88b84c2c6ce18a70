import AssistKit
import AssistTesting
import Foundation
import Testing

/// A console that plays keys; its editor leaves the file as it is.
private struct ScriptedConsole: ReviewConsole {
  var keys: [Character]
  let output = Output()

  final class Output: @unchecked Sendable {  // only touched from the test's own task
    var text = ""
  }

  func write(_ text: String) { output.text += text }

  mutating func readKey() -> Character? { keys.isEmpty ? nil : keys.removeFirst() }

  mutating func edit(_ path: String) throws {}
}

@Suite struct ReviewDriverTests {
  private func driver(_ runs: RunStore, saves: SaveCounter) -> ReviewDriver {
    ReviewDriver(
      renderer: HunkRenderer(colour: false),
      save: {
        saves.count += 1
        try runs.save($0)
      },
      baseText: { path in path == "app.py" ? ProposalFixture.app : ProposalFixture.util })
  }

  final class SaveCounter: @unchecked Sendable {  // only touched from the test's own task
    var count = 0
  }

  @Test func everyDecisionIsSavedAndQuittingThenResumingContinuesAtTheNextHunk() throws {
    let repository = try TemporaryRepository(files: ProposalFixture.repositoryFiles)
    let runs = try ProposalFixture.temporaryStore()
    let proposal = try ProposalFixture.threeHunks(in: repository, runs: runs)
    let saves = SaveCounter()
    var session = ReviewSession(proposal: proposal)
    var console = ScriptedConsole(keys: ["?", "x", "y", "q"])
    #expect(try driver(runs, saves: saves).run(&session, console: &console) == .quit)
    let screen = console.output.text
    #expect(screen.contains("── app.py · hunk 1 of 3"))
    #expect(screen.contains("sub-task s1 · agent migrator · tier local-small"))
    #expect(screen.contains("s - skip: leave this hunk undecided"))
    #expect(screen.contains("unknown key 'x'"))
    #expect(screen.contains("-value_2 = 2\n+value_2 = 20\n"))
    #expect(!screen.contains("\u{1B}["))
    #expect(
      try runs.proposal(proposal.runID)?.hunks.map(\.decision) == [.accepted, .pending, .pending])

    var resumed = ReviewSession(proposal: try #require(try runs.proposal(proposal.runID)))
    #expect(resumed.current == 1)
    var again = ScriptedConsole(keys: ["n", "y"])
    #expect(try driver(runs, saves: saves).run(&resumed, console: &again) == .finished)
    #expect(again.output.text.contains("── util.py · hunk 3 of 3"))
    #expect(again.output.text.contains("agent designer · tier cloud · model claude-sonnet"))
    #expect(again.output.text.contains("$0.0123"))
    #expect(
      try runs.proposal(proposal.runID)?.hunks.map(\.decision) == [.accepted, .rejected, .accepted])
    #expect(saves.count == 3)
  }

  @Test func anEditThatAppliesIsAcceptedAndOneThatDoesNotKeepsTheOldHunk() throws {
    let repository = try TemporaryRepository(files: ProposalFixture.repositoryFiles)
    let runs = try ProposalFixture.temporaryStore()
    let proposal = try ProposalFixture.threeHunks(in: repository, runs: runs)
    var session = ReviewSession(proposal: proposal)
    var stepConsole = EditSequenceConsole(keys: ["s", "e", "e", "q"])
    let ending = try driver(runs, saves: SaveCounter()).run(&session, console: &stepConsole)
    #expect(ending == .quit)
    let screen = stepConsole.output.text
    #expect(screen.contains("does not apply to the base"))
    #expect(screen.contains("edited hunk accepted"))
    let saved = try #require(try runs.proposal(proposal.runID))
    #expect(saved.hunks[1].decision == .accepted)
    #expect(saved.hunks[1].notes.contains(ReviewSession.editedNote))
    #expect(!saved.hunks[1].diff.contains("value_26b"))
    #expect(saved.hunks[0].decision == .pending)
    #expect(saved.hunks[2].decision == .pending)
  }
}

/// Plays keys; the first edit breaks the hunk's context, the second drops an added line.
private struct EditSequenceConsole: ReviewConsole {
  var keys: [Character]
  var edits = 0
  let output = ScriptedConsole.Output()

  func write(_ text: String) { output.text += text }

  mutating func readKey() -> Character? { keys.isEmpty ? nil : keys.removeFirst() }

  mutating func edit(_ path: String) throws {
    edits += 1
    var text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    text =
      edits == 1
      ? text.replacingOccurrences(of: " value_23 = 23", with: " value_23 = 99")
      : text.replacingOccurrences(of: "+value_26b = 261\n", with: "")
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }
}
