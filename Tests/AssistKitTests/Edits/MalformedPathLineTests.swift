import AssistKit
import Testing

/// A path line the parser cannot read is an error for the model, never the sub-task's own file.
@Suite struct MalformedPathLineTests {
  static let fence = "```"
  static let calc = "def add(a, b):\n    return a + b\n"

  @Test(arguments: [
    "ca\u{0B}lc.py", "\u{1B}[31mcalc.py\u{1B}[0m", "calc\u{7F}.py", "calc.py\u{85}x",
    "calc\u{0}.py",
    "notes\u{8}.py",
  ])
  func aPathLineWithControlCharactersIsAParseErrorNotTheDefaultFile(_ line: String) throws {
    let reply = "\(line)\n\(Self.fence)python\nx = 1\n\(Self.fence)\n"
    let error = #expect(throws: EditParseError.self) {
      try WholeFileFormat().parse(reply: reply, defaultPath: "calc.py")
    }
    #expect(error?.reason.contains("control characters") == true, "\(String(describing: error))")
  }

  @Test func aSearchReplacePathLineWithControlCharactersIsAParseError() throws {
    let block = "<<<<<<< SEARCH\nreturn a + b\n=======\nreturn b + a\n>>>>>>> REPLACE\n"
    let error = #expect(throws: EditParseError.self) {
      try SearchReplaceFormat().parse(reply: "ca\u{0B}lc.py\n" + block, defaultPath: "calc.py")
    }
    #expect(error?.reason.contains("control characters") == true)
    #expect(PathSafety.problem(with: "calc.py\u{85}x", workingDirectory: nil) != nil)
  }

  @Test func aReplyWithNoPathLineAtAllStillEditsTheOneFileInScope() throws {
    for reply in [
      "\(Self.fence)python\ndef add(a, b):\n    return b + a\n\(Self.fence)\n",
      "Here is the fixed file:\n\n\(Self.fence)python\ndef add(a, b):\n    return b + a\n\(Self.fence)\n",
    ] {
      #expect(
        try WholeFileFormat().parse(reply: reply, defaultPath: "calc.py")
          == [FileEdit(path: "calc.py", change: .write("def add(a, b):\n    return b + a\n"))])
    }
  }

  @Test func theMalformedPathNeverReachesTheFileThroughThePipeline() throws {
    let base = MemoryEditBase(files: ["calc.py": Self.calc])
    let reply = "calc\u{0B}.py\n\(Self.fence)\nx = 1\n\(Self.fence)\n"
    let outcome = try EditPipeline().prepare(
      reply: reply, format: WholeFileFormat(), base: base, defaultPath: "calc.py")
    #expect(outcome.stage == .parse)
    #expect(outcome.changes.isEmpty)
    #expect(outcome.diff.isEmpty)
  }
}
