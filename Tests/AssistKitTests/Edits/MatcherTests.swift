import AssistKit
import Testing

@Suite struct MatcherTests {
  let file = """
    def greet(name):
        message = "Hello, " + name
        print(message)


    def farewell(name):
        print("Bye, " + name)

    """

  func apply(_ edits: [FileEdit], to files: [String: String]) throws -> EditApplier.Result {
    try EditApplier().apply(edits) { files[$0] }
  }

  func one(_ search: String, _ replacement: String, anchor: String? = nil) throws -> (
    String?, BlockOutcome
  ) {
    let result = try apply(
      [.replace("a.py", search: search, replacement: replacement, anchor: anchor)],
      to: ["a.py": file])
    return (result.files.first?.new, result.outcomes[0])
  }

  @Test func exactMatchReplacesTheQuotedLines() throws {
    let (new, outcome) = try one("    print(message)\n", "    print(message.upper())\n")
    #expect(outcome.strategy == .exact)
    #expect(outcome.line == 3)
    #expect(
      new == file.replacingOccurrences("    print(message)\n", "    print(message.upper())\n"))
  }

  @Test func trailingWhitespaceIsIgnoredAndKeptLinesStayAsTheFileHasThem() throws {
    let (new, outcome) = try one(
      "def greet(name):   \n    message = \"Hello, \" + name  \n",
      "def greet(name):   \n    message = \"Hi, \" + name\n")
    #expect(outcome.strategy == .trailingWhitespace)
    #expect(new == file.replacingOccurrences("\"Hello, \"", "\"Hi, \""))
  }

  @Test func indentationOffsetIsFoundAndTheReplacementReindented() throws {
    let (new, outcome) = try one(
      "message = \"Hello, \" + name\nprint(message)\n",
      "message = \"Hello, \" + name\nif name:\n    print(message)\n")
    #expect(outcome.strategy == .indentation)
    #expect(
      new
        == file.replacingOccurrences(
          "    print(message)\n", "    if name:\n        print(message)\n"))
  }

  @Test func curlyQuotesAndDashesMatchAndAreStraightenedInNewLines() throws {
    let (new, outcome) = try one(
      "    message = \u{201C}Hello, \u{201D} + name\n",
      "    message = \u{201C}Hello, \u{201D} + name.title()\n")
    #expect(outcome.strategy == .punctuation)
    #expect(new == file.replacingOccurrences("+ name\n    print", "+ name.title()\n    print"))
  }

  @Test func fuzzyMatchAnchorsOnFirstAndLastLinesAndReplacesAMisquotedLine() throws {
    let (new, outcome) = try one(
      "def greet(name):\n    mesage = 'Hello, ' + name\n    print(message)\n",
      "def greet(name):\n    message = 'Hi, ' + name\n    print(message)\n")
    #expect(outcome.strategy == .fuzzy)
    #expect(
      new == file.replacingOccurrences("message = \"Hello, \" + name", "message = 'Hi, ' + name"))
  }

  @Test func fuzzyMatchRefusesToKeepAMisquotedLine() throws {
    // The quote has `name="world"` where the file has `name`, and the replacement keeps that line:
    // a copying slip or a change smuggled into the quote; either way a guess, so refused.
    let (new, outcome) = try one(
      "def greet(name=\"world\"):\n    message = \"Hello, \" + name\n    print(message)\n",
      "def greet(name=\"world\"):\n    message = \"Hi, \" + name\n    print(message)\n")
    #expect(outcome.failure?.kind == .missing)
    #expect(outcome.failure?.candidates.first?.lines.contains("def greet(name):") == true)
    #expect(new == file)
  }

  @Test func aBlockThatMatchesTwiceIsRefusedWithBothPlaces() throws {
    let twice = "x = 1\ny = 2\nz = 3\n\nx = 1\ny = 2\n"
    let result = try apply(
      [.replace("t.py", search: "x = 1\ny = 2\n", replacement: "x = 0\n")], to: ["t.py": twice])
    let failure = try #require(result.outcomes[0].failure)
    #expect(result.files[0].new == twice)
    #expect(failure.kind == .ambiguous)
    #expect(failure.strategy == .exact)
    #expect(failure.candidates.map(\.line) == [1, 3])
    #expect(failure.detail.contains("at lines 1, 5"))
  }

  @Test func aMissingBlockNamesTheClosestLinesWithNumbers() throws {
    let (_, outcome) = try one(
      "def farewell(person):\n    print(\"Goodbye, \" + person)\n", "pass\n")
    let failure = try #require(outcome.failure)
    #expect(failure.kind == .missing)
    #expect(failure.block == 1)
    #expect(failure.path == "a.py")
    let closest = try #require(failure.candidates.first)
    #expect(closest.lines.contains("def farewell(name):"))
    #expect(closest.line >= 4 && closest.line <= 6)
  }

  @Test func anAnchorPicksTheFirstPlaceAfterIt() throws {
    let (new, outcome) = try one(
      "    print(\"Bye, \" + name)\n", "    print(\"See you, \" + name)\n",
      anchor: "def farewell(name):")
    #expect(outcome.applied)
    #expect(new == file.replacingOccurrences("Bye", "See you"))
  }

  @Test func blocksApplyInSequenceAndOverlapsAreRefused() throws {
    let result = try apply(
      [
        .replace(
          "a.py", search: "    print(message)\n", replacement: "    print(message)\n    return\n"),
        .replace("a.py", search: "    print(message)\n    return\n", replacement: "    pass\n"),
        .replace(
          "a.py", search: "def farewell(name):\n", replacement: "def farewell(name=None):\n"),
      ], to: ["a.py": file])
    #expect(result.outcomes.map(\.applied) == [true, false, true])
    #expect(result.outcomes[1].failure?.kind == .overlapping)
    #expect(result.files[0].new?.contains("def farewell(name=None):\n") == true)
    #expect(result.files[0].new?.contains("    print(message)\n    return\n") == true)
  }

  @Test func anEmptySearchCreatesAMissingFileButRefusesAnExistingOne() throws {
    let result = try apply(
      [
        .replace("new.py", search: "", replacement: "x = 1\n"),
        .replace("a.py", search: "", replacement: "y\n"),
      ],
      to: ["a.py": file])
    #expect(result.files[0].old == nil)
    #expect(result.files[0].new == "x = 1\n")
    #expect(result.outcomes[1].failure?.kind == .fileExists)
    #expect(result.files[1].new == file)
  }

  @Test func curlyQuotesInNewCodeThatTheFileNeverUsesAreRefused() throws {
    let (new, outcome) = try one("    print(message)\n", "    print(\u{201C}done\u{201D})\n")
    #expect(outcome.failure?.kind == .punctuation)
    #expect(outcome.failure?.detail.contains("U+201C") == true)
    #expect(new == file)
    // Outside code files typographic quotes are ordinary text.
    let notes = try apply(
      [.replace("notes.md", search: "a\n", replacement: "\u{201C}a\u{201D}\n")],
      to: ["notes.md": "a\n"])
    #expect(notes.allApplied)
  }

  @Test func editingAMissingFileIsRefused() throws {
    let result = try apply([.replace("nope.py", search: "a\n", replacement: "b\n")], to: [:])
    #expect(result.outcomes[0].failure?.kind == .fileMissing)
  }

  @Test func aFileWithoutAFinalNewlineKeepsIt() throws {
    let result = try apply(
      [.replace("b.txt", search: "two", replacement: "2")], to: ["b.txt": "one\ntwo"])
    #expect(result.files[0].new == "one\n2")
  }

  @Test func crlfFilesGetCrlfNewLines() throws {
    let result = try apply(
      [.replace("c.txt", search: "b\n", replacement: "b\nc\n")], to: ["c.txt": "a\r\nb\r\n"])
    #expect(result.files[0].new == "a\r\nb\r\nc\r\n")
  }
}

extension String {
  /// `self` with every `target` replaced (a Foundation-free helper for expected contents).
  func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
