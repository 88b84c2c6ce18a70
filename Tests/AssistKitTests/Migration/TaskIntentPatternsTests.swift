import AssistKit
import AssistTesting
import Testing

/// The task-intent patterns: the shipped file reads plain renames, and a bad file is refused with
/// its file and line.
@Suite struct TaskIntentPatternsTests {
  static let shipped = projectRoot + "/share/task-intents.yaml"

  @Test func theShippedPatternsReadAPlainRename() throws {
    let patterns = try TaskIntentPatterns.load(file: Self.shipped)
    let intent = try #require(
      patterns.intent(of: "Rename the function `chunked` to `batched_list` everywhere."))
    #expect(
      intent
        == ChangeIntent(action: .rename, symbols: ["chunked"], from: "chunked", to: "batched_list"))
    #expect(
      patterns.intent(of: "rename the function chunked in sizes/core.py to batched_list")?.to
        == "batched_list")
    #expect(patterns.intent(of: "Please rename chunked to batched_list") == nil)
    #expect(patterns.intent(of: "Fix chunked in core.py")?.action == .fix)
  }

  @Test func theShippedPatternsReadARenameWhoseNamesAreInBackticksWhateverWordsDescribeThem()
    throws
  {
    let patterns = try TaskIntentPatterns.load(file: Self.shipped)
    let cases: [(String, String, String)] = [
      (
        "Rename the token-matching helper `imt` in sqlparse's utilities to `match_token`, "
          + "everywhere it is defined, imported and called.", "imt", "match_token"
      ),
      (
        "Rename `validate_options` in the formatter to `normalize_options` (it fills in "
          + "defaults as well as validating) and update every caller", "validate_options",
        "normalize_options"
      ),
      (
        "Rename the method `get_real_name` of sqlparse's token lists to `get_unaliased_name`, "
          + "in the library and in all the tests", "get_real_name", "get_unaliased_name"
      ),
      (
        "Rename the filter class `ReindentFilter` to `IndentationFilter`: the class, the "
          + "filters package's import", "ReindentFilter", "IndentationFilter"
      ),
    ]
    for (task, from, to) in cases {
      let intent = patterns.intent(of: task)
      #expect(intent?.action == .rename && intent?.from == from && intent?.to == to, "\(task)")
    }
    // The first backticked name is the old one only when `to` follows it, not another name.
    #expect(patterns.intent(of: "Rename `a` and `b` to `c`")?.from != "a")
  }

  @Test func theShippedPatternsReadAParameterAddedToANamedFunction() throws {
    let patterns = try TaskIntentPatterns.load(file: Self.shipped)
    for task in [
      "Add a keyword-only `strict=False` to `chunked` and thread it through its two callers",
      "Add a keyword-only parameter strict=False to chunked in sizes/core.py",
      "add an optional argument timeout to the function fetch",
    ] {
      let intent = patterns.intent(of: task)
      #expect(intent?.action == .signature, "\(task)")
      #expect(intent?.symbols.count == 1, "\(task)")
    }
    #expect(
      patterns.intent(of: "Add a keyword-only `strict=False` to `chunked`")?.symbols == ["chunked"])
    #expect(patterns.intent(of: "Add a count(name) method to Inventory")?.action != .signature)
  }

  @Test func theShippedPatternsReadANewExceptionClassItsBaseAndItsModule() throws {
    let patterns = try TaskIntentPatterns.load(file: Self.shipped)
    #expect(
      patterns.intent(
        of: "Introduce InvalidSizeError(ValueError) in a new module sizes/errors.py and raise it "
          + "in the six size checks")
        == ChangeIntent(
          action: .exception, symbols: ["ValueError"], from: "ValueError", to: "InvalidSizeError",
          module: "sizes/errors.py"))
    let noPath = patterns.intent(
      of: "Add `GroupingLimitError(SQLParseError)` to sqlparse's exceptions and raise it, "
        + "instead of the plain `SQLParseError`, wherever parsing gives up on a limit")
    #expect(noPath?.action == .exception && noPath?.module == nil)
    #expect(noPath?.to == "GroupingLimitError" && noPath?.from == "SQLParseError")
    let twoBases = patterns.intent(
      of: "Introduce `InvalidOptionError`, a subclass of both `SQLParseError` and `ValueError`, "
        + "in sqlparse's exceptions module; raise it instead of `SQLParseError` for every invalid "
        + "formatting option the formatter rejects, and make it importable as "
        + "`sqlparse.InvalidOptionError`.")
    #expect(
      twoBases
        == ChangeIntent(
          action: .exception, symbols: ["SQLParseError"], from: "SQLParseError",
          to: "InvalidOptionError", otherBases: ["ValueError"],
          exportedAs: "sqlparse.InvalidOptionError"))
    #expect(
      patterns.intent(of: "Add SizeError(IndexError, ValueError) to pkg/errors.py and raise it")?
        .otherBases == ["ValueError"])
    // A class that is not raised is not an exception change.
    #expect(patterns.intent(of: "Add a Point(NamedTuple) class to geometry.py")?.action == nil)
  }

  @Test func theShippedPatternsReadQuestionsAndFixesThatDecideTheSingleAgentPlan() throws {
    let patterns = try TaskIntentPatterns.load(file: Self.shipped)
    #expect(patterns.intent(of: "Why does chunked drop the last item?")?.action == .question)
    #expect(patterns.intent(of: "explain the retry loop")?.action == .question)
    #expect(patterns.intent(of: "args2cmd ignores sep. Please fix it.")?.action == .fix)
    #expect(patterns.intent(of: "The test_rows test\nfails on empty input")?.action == .fix)
    #expect(patterns.intent(of: "Add a count(name) method to Inventory") == nil)
    #expect(patterns.intent(of: "Make the prefix faster") == nil, "no word inside another")
    let context = RepoContext(files: ["m.py": "def rows():\n    return []\n"])
    func kind(_ task: String) -> AgentDefinition.Kind? {
      Planner.singleSubtask(task: task, context: context, patterns: patterns, origin: .singleAgent)
        .subtasks.first?.kind
    }
    #expect(kind("Where is rows defined?") == .analysis)
    #expect(kind("Fix rows: it must return three rows") == .migration)
    let command = TestCommand(command: "pytest", origin: .config, reason: "test")
    #expect(
      TestVerification.asksForProgress("rows is broken", command: command, patterns: patterns))
    #expect(
      TestVerification.asksForProgress(
        "Add a keyword-only strict=False to rows to fix the crash", command: command,
        patterns: patterns), "a signature change that is also a fix")
    #expect(
      !TestVerification.asksForProgress(
        "Add a count method", command: command, patterns: patterns))
  }

  @Test func aBadPatternOrActionIsRefusedWithItsLine() throws {
    let badPattern = "intents:\n  - action: rename\n    pattern: '(unclosed'\n"
    let error = #expect(throws: ConfigError.self) {
      try TaskIntentPatterns.parse(badPattern, file: "t.yaml")
    }
    #expect(error?.description.contains("t.yaml:2") == true, "\(String(describing: error))")
    let badAction = "intents:\n  - action: rewrite\n    pattern: '^x'\n"
    #expect(throws: ConfigError.self) { try TaskIntentPatterns.parse(badAction, file: "t.yaml") }
    #expect(try TaskIntentPatterns.load(file: "/nonexistent/x.yaml").entries.isEmpty)
  }
}
