import AssistKit
import AssistTesting
import Testing

/// Threading a new parameter through named functions by tool: each signature gets it in the
/// right place, calls between them (and to callees that already take it) pass it on, a function
/// that passes it nowhere is left to a model, and what the tool cannot read is an obstacle.
@Suite struct MechanicalSignatureTests {
  static let sizes: [String: String] = [
    "sizes/__init__.py": "from .core import chunked\nfrom .extra import windowed\n",
    "sizes/core.py": """
    def chunked(items, size):
        # chunked(items, size) is what callers use
        return [items[i : i + size] for i in range(0, len(items), size)]

    """,
    "sizes/extra.py": """
    from .core import chunked


    def windowed(items, size):
        return [c for c in chunked(items, size) if len(c) == size]

    """,
    "sizes/report.py": """
    from sizes import core


    def pages(lines, per_page=10):
        \"\"\"Pages of lines; see chunked(lines).\"\"\"
        return core.chunked(
            lines,
            per_page,
        )

    """,
  ]

  /// A package whose filter stack already takes `strip_semicolon`, and one function passing it.
  static let engine: [String: String] = [
    "pkg/stack.py": """
    class FilterStack:
        def __init__(self, strip_semicolon=False):
            self.strip = strip_semicolon

        def run(self, sql, encoding=None, strip_semicolon=False):
            return sql

    """,
    "pkg/__init__.py": """
    from pkg import stack as engine


    def parse(
        sql: str, encoding: str | None = None
    ) -> tuple:
        return tuple(parsestream(sql, encoding))


    def parsestream(stream, encoding=None):
        stack = engine.FilterStack()
        return stack.run(stream, encoding)


    def split(sql, encoding=None, strip_semicolon: bool = False):
        stack = engine.FilterStack(strip_semicolon=strip_semicolon)
        return list(stack.run(sql, encoding))

    """,
  ]

  static let strict = MechanicalSignature.Parameter(
    name: "strict", declaration: "strict=False", keywordOnly: true)

  func threaded(
    _ files: [String: String], _ functions: [String],
    _ parameter: MechanicalSignature.Parameter = strict
  )
    -> (MechanicalSignature.Threading?, [String: String], String?)
  {
    let lookup = RepoContextLookup(context: RepoContext(files: files))
    switch MechanicalSignature.thread(parameter, through: functions, lookup: lookup) {
    case .threaded(let threading):
      return (
        threading, files.merging(threading.changes.map { ($0.path, $0.new ?? "") }) { $1 }, nil
      )
    case .obstacle(let why):
      return (nil, files, why)
    }
  }

  @Test func aKeywordOnlyParameterIsAddedAndPassedOnToTheFunctionThatUsesIt() throws {
    let (threading, after, why) = threaded(Self.sizes, ["chunked", "windowed", "pages"])
    let done = try #require(threading, "\(why ?? "")")
    #expect(after["sizes/core.py"]?.contains("def chunked(items, size, *, strict=False):") == true)
    #expect(
      after["sizes/extra.py"]?.contains(
        "def windowed(items, size, *, strict=False):\n"
          + "    return [c for c in chunked(items, size, strict=strict) if len(c) == size]") == true
    )
    // A call split over lines with a trailing comma, and a mention in a docstring left alone.
    #expect(
      after["sizes/report.py"]?.contains(
        "def pages(lines, per_page=10, *, strict=False):\n"
          + "    \"\"\"Pages of lines; see chunked(lines).\"\"\"\n"
          + "    return core.chunked(\n        lines,\n        per_page, strict=strict,\n    )")
        == true)
    // The comment in chunked is not a call.
    #expect(after["sizes/core.py"]?.contains("# chunked(items, size) is what") == true)
    #expect(done.passedOn == 2)
    #expect(done.needsBehaviour.map(\.name) == ["chunked"])
    #expect(done.needsBehaviour.map(\.path) == ["sizes/core.py"])
    #expect(
      Set(done.changes.map(\.path)) == ["sizes/core.py", "sizes/extra.py", "sizes/report.py"])
  }

  @Test func aParameterGoesOnToACalleeWhoseConstructorAlreadyTakesIt() throws {
    let files = Self.engine
    let parameter = try #require(
      MechanicalSignature.Parameter(declaration: "strip_semicolon: bool = False", keywordOnly: true)
    )
    let (threading, after, why) = threaded(files, ["parse", "parsestream", "split"], parameter)
    let done = try #require(threading, "\(why ?? "")")
    let text = after["pkg/__init__.py"] ?? ""
    #expect(
      text.contains(
        "def parse(\n    sql: str, encoding: str | None = None, *, strip_semicolon: bool = False\n)"
      ))
    #expect(
      text.contains("return tuple(parsestream(sql, encoding, strip_semicolon=strip_semicolon))"))
    #expect(
      text.contains(
        "stack = engine.FilterStack(strip_semicolon=strip_semicolon)\n    return stack.run(stream, encoding)"
      ))
    // `run` is a method, not a module-level callee: it does not receive the parameter.
    #expect(!text.contains("stack.run(stream, encoding, strip"))
    // split already had it and already passed it on: unchanged.
    #expect(text.contains("def split(sql, encoding=None, strip_semicolon: bool = False):"))
    #expect(done.needsBehaviour.isEmpty)
    #expect(done.passedOn == 2)
  }

  @Test func eachParameterListShapeGetsTheParameterWherePythonAllowsIt() throws {
    let cases: [(signature: String, keywordOnly: Bool, expected: String)] = [
      ("def f():", true, "def f(*, strict=False):"),
      ("def f():", false, "def f(strict=False):"),
      ("def f(a, *args):", true, "def f(a, *args, strict=False):"),
      ("def f(a, *args):", false, "def f(a, strict=False, *args):"),
      ("def f(a, **kw):", true, "def f(a, *, strict=False, **kw):"),
      ("def f(a, *, b=1, **kw):", true, "def f(a, *, b=1, strict=False, **kw):"),
      ("def f(a, /):", false, "def f(a, /, strict=False):"),
      ("def f(\n    a,\n    b,\n):", true, "def f(\n    a,\n    b, *, strict=False,\n):"),
      ("def f(a=(1, 2), b='x,y'):", true, "def f(a=(1, 2), b='x,y', *, strict=False):"),
    ]
    for (signature, keywordOnly, expected) in cases {
      let parameter = try #require(
        MechanicalSignature.Parameter(declaration: "strict=False", keywordOnly: keywordOnly))
      let files = ["m.py": "\(signature)\n    return 1\n"]
      let (_, after, why) = threaded(files, ["f"], parameter)
      #expect(after["m.py"] == "\(expected)\n    return 1\n", "\(signature) \(why ?? "")")
    }
  }

  @Test func whatTheToolCannotDoExactlyIsAnObstacle() throws {
    // Two module-level definitions of the name: which one is meant is judgement.
    var twice = Self.sizes
    twice["sizes/other.py"] = "def chunked(x):\n    return x\n"
    #expect(threaded(twice, ["chunked"]).2?.contains("not defined once") == true)
    // A positional parameter with no default would break every caller.
    let required = try #require(
      MechanicalSignature.Parameter(declaration: "strict", keywordOnly: false))
    #expect(threaded(Self.sizes, ["chunked"], required).2?.contains("no default") == true)
    // Nothing to add.
    let done = threaded(Self.sizes, ["chunked"]).1
    #expect(threaded(done, ["chunked"]).2?.contains("already has") == true)
    #expect(MechanicalSignature.Parameter(declaration: "= 3", keywordOnly: true) == nil)
    #expect(MechanicalSignature.Parameter(declaration: "x y", keywordOnly: true) == nil)
  }

  @Test func theFunctionsComeFromBackticksAndFromWordsBesideTheirPaths() {
    let lookup = RepoContextLookup(context: RepoContext(files: Self.sizes))
    let task =
      "Add a keyword-only parameter strict=False to chunked in sizes/core.py, and give windowed "
      + "in sizes/extra.py and pages in sizes/report.py the same, passed on to chunked."
    #expect(
      MechanicalSignature.functions(namedIn: task, first: "chunked", lookup: lookup)
        == ["chunked", "windowed", "pages"])
    // Backticked dotted names are their last part; a bare word with no path named stays out.
    let dotted = "Add `strict=False` to `sizes.chunked` and `sizes.windowed`, not pages"
    #expect(
      MechanicalSignature.functions(namedIn: dotted, first: "chunked", lookup: lookup)
        == ["chunked", "windowed"])
  }

  @Test func aTaskThatThreadsAParameterIsPlannedAsToolWorkAndOneBehaviourPart() throws {
    let lookup = RepoContextLookup(context: RepoContext(files: Self.sizes))
    let patterns = try TaskIntentPatterns.load(file: TaskIntentPatternsTests.shipped)
    let task =
      "Add a keyword-only parameter strict=False to chunked in sizes/core.py (when strict is true "
      + "and the last chunk is short, raise ValueError), and give windowed in sizes/extra.py and "
      + "pages in sizes/report.py the same keyword-only strict=False, passed on to chunked."
    let plan = try #require(Coordinator.toolPlan(task: task, patterns: patterns, lookup: lookup))
    let outcome = MigrationSplit(lookup: lookup, patterns: patterns).expand(plan)
    let ids = outcome.plan.subtasks.map(\.id)
    #expect(ids == ["s1", "s1.1"])
    #expect(outcome.toolChanges["s1"]?.count == 3)
    #expect(outcome.toolNotes["s1"]?.contains("passed on at 2 call(s), no model") == true)
    let behaviour = outcome.plan.subtasks[1]
    #expect(behaviour.dependsOn == ["s1"])
    #expect(behaviour.files == ["sizes/core.py"])
    #expect(behaviour.intent?.symbols == ["chunked"])
    #expect(behaviour.goal.contains("make `chunked` in sizes/core.py use `strict`"))
    #expect(outcome.toolChanges["s1.1"] == nil)
  }

  @Test func aPlannersSignatureSubtaskIsThreadedByToolBesideItsOtherSubtasks() throws {
    let lookup = RepoContextLookup(context: RepoContext(files: Self.engine))
    let patterns = try TaskIntentPatterns.load(file: TaskIntentPatternsTests.shipped)
    let plan = Plan(
      subtasks: [
        Subtask(
          id: "s1", kind: .migration,
          goal: "Add a keyword-only parameter `strip_semicolon: bool = False` to `pkg.parse` and "
            + "`pkg.parsestream`, passed on to the filter stack.",
          files: ["pkg/__init__.py"], difficulty: 2,
          intent: ChangeIntent(action: .signature, symbols: ["parse", "FilterStack"])),
        Subtask(
          id: "s2", kind: .migration, goal: "Add a --strip-semicolon flag to the CLI.",
          files: ["pkg/cli.py"], dependsOn: ["s1"], difficulty: 2,
          intent: ChangeIntent(action: .feature)),
      ], origin: .planner)
    let outcome = MigrationSplit(lookup: lookup, patterns: patterns).expand(plan)
    // The planner's intent had no parameter: it is read from the goal; the class it listed is
    // not a function and is left out; the CLI part stays a model's, after the tool's.
    #expect(outcome.plan.subtasks.map(\.id) == ["s1", "s2"])
    let change = try #require(outcome.toolChanges["s1"]?.first)
    #expect(
      change.new?.contains("def parsestream(stream, encoding=None, *, strip_semicolon") == true)
    #expect(change.new?.contains("engine.FilterStack(strip_semicolon=strip_semicolon)") == true)
    #expect(outcome.plan.subtasks[1].dependsOn == ["s1"])
  }

  @Test func aParameterThreadedThroughItsCallersReachesTheFunctionsThatCallIt() throws {
    let lookup = RepoContextLookup(context: RepoContext(files: Self.sizes))
    #expect(MechanicalSignature.callers(of: ["chunked"], lookup: lookup) == ["windowed", "pages"])
    let patterns = try TaskIntentPatterns.load(file: TaskIntentPatternsTests.shipped)
    let task =
      "Add a keyword-only `strict=False` to `chunked` and thread it through its two callers"
    #expect(patterns.intent(of: task)?.throughCallers == true)
    #expect(
      patterns.intent(of: "Add a keyword-only `strict=False` to `chunked`")?.throughCallers == false
    )
    let plan = try #require(Coordinator.toolPlan(task: task, patterns: patterns, lookup: lookup))
    let outcome = MigrationSplit(lookup: lookup, patterns: patterns).expand(plan)
    let changed = Dictionary(
      uniqueKeysWithValues: (outcome.toolChanges["s1"] ?? []).map { ($0.path, $0.new ?? "") })
    #expect(changed["sizes/extra.py"]?.contains("chunked(items, size, strict=strict)") == true)
    #expect(
      changed["sizes/report.py"]?.contains("def pages(lines, per_page=10, *, strict=False)") == true
    )
    #expect(outcome.plan.subtasks.map(\.id) == ["s1", "s1.1"])
    #expect(outcome.plan.subtasks[1].intent?.symbols == ["chunked"])
  }
}
