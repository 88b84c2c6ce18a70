import AssistKit
import AssistTesting
import Testing

/// Moving functions into a new module by tool: decorators and the imports they need travel with
/// them, the source drops imports only they used, importers are re-pointed; anything else is an
/// obstacle left to a model.
@Suite struct MechanicalMoveTests {
  static let files: [String: String] = [
    "pkg/__init__.py": "",
    "pkg/filters/__init__.py": "",
    "pkg/utils.py": """
    import re
    from contextlib import contextmanager, suppress


    def clean(text):
        return re.sub(r"\\s+", " ", text)


    @contextmanager
    def offset(filter_, n=0):
        filter_.offset += n
        yield
        filter_.offset -= n


    @contextmanager
    def indent(filter_, n=1):
        filter_.indent += n
        yield
        filter_.indent -= n


    def quiet():
        return suppress(KeyError)

    """,
    "pkg/filters/reindent.py": """
    from pkg.utils import clean, indent, offset


    class Reindent:
        indent = 0

        def run(self):
            with indent(self), offset(self, 2):
                return clean("a  b")

    """,
    "pkg/sql.py":
      "from .utils import indent as ind\n\n\ndef f(x):\n    with ind(x):\n        pass\n",
  ]

  func moved(_ files: [String: String]) -> (MechanicalMove.Outcome, [String: String]) {
    let lookup = RepoContextLookup(context: RepoContext(files: files))
    let outcome = MechanicalMove.move(
      symbols: ["indent", "offset"], to: "pkg/filters/indentation.py", lookup: lookup)
    guard case .changes(let changes) = outcome else { return (outcome, files) }
    return (outcome, files.merging(changes.map { ($0.path, $0.new ?? "") }) { $1 })
  }

  @Test func twoDecoratedFunctionsMoveWithTheImportTheyNeedAndImportersFollow() throws {
    let (outcome, tree) = moved(Self.files)
    guard case .changes = outcome else {
      Issue.record("expected changes, got \(outcome)")
      return
    }
    #expect(
      tree["pkg/filters/indentation.py"]
        == "from contextlib import contextmanager\n\n\n@contextmanager\ndef offset(filter_, n=0):\n"
        + "    filter_.offset += n\n    yield\n    filter_.offset -= n\n\n\n@contextmanager\n"
        + "def indent(filter_, n=1):\n    filter_.indent += n\n    yield\n    filter_.indent -= n\n"
    )
    // The source keeps `suppress`, which it still uses, and loses `contextmanager`.
    let utils = try #require(tree["pkg/utils.py"])
    #expect(utils.hasPrefix("import re\nfrom contextlib import suppress\n\n\ndef clean(text):"))
    #expect(!utils.contains("def indent") && !utils.contains("contextmanager"))
    #expect(utils.contains("    return re.sub(r\"\\s+\", \" \", text)\n\n\ndef quiet():"))
    #expect(
      tree["pkg/filters/reindent.py"]?.hasPrefix(
        "from pkg.utils import clean\nfrom pkg.filters.indentation import indent, offset\n") == true
    )
    // A relative import with an alias is re-pointed to the absolute new module.
    #expect(
      tree["pkg/sql.py"]?.hasPrefix("from pkg.filters.indentation import indent as ind\n") == true)
  }

  @Test func whatTheToolCannotDoExactlyIsLeftToAModel() {
    var usedInSource = Self.files
    usedInSource["pkg/utils.py"]! += "\n\ndef both(f):\n    with indent(f):\n        pass\n"
    #expect(moved(usedInSource).0 == .obstacle("pkg/utils.py still uses `indent` after the move"))

    var throughModule = Self.files
    throughModule["pkg/other.py"] =
      "from pkg import utils\n\n\ndef g(f):\n    return utils.indent(f)\n"
    #expect(moved(throughModule).0 == .obstacle("pkg/other.py:5 uses `utils.indent`"))

    var parenthesized = Self.files
    parenthesized["pkg/filters/reindent.py"] =
      "from pkg.utils import (\n    indent,\n    offset,\n)\n"
    guard case .obstacle(let why) = moved(parenthesized).0 else {
      Issue.record("a parenthesized import must not be rewritten by guess")
      return
    }
    #expect(why.contains("pkg/filters/reindent.py:2"))

    let lookup = RepoContextLookup(context: RepoContext(files: Self.files))
    #expect(
      MechanicalMove.move(symbols: ["indent"], to: "pkg/utils.py", lookup: lookup)
        == .obstacle("pkg/utils.py is not a new Python module"))
    #expect(
      MechanicalMove.move(symbols: ["indent"], to: "nowhere/indentation.py", lookup: lookup)
        == .obstacle("nowhere/indentation.py is not inside a package"))
  }

  @Test func aMoveTaskIsReadByPatternAndPlannedByToolWithNoModel() throws {
    let patterns = try TaskIntentPatterns.load(file: projectRoot + "/share/task-intents.yaml")
    let task =
      "Move the two context managers `indent` and `offset` out of the utils module into a new "
      + "module `pkg/filters/indentation.py`, with the import they need."
    let intent = try #require(patterns.intent(of: task))
    #expect(intent.action == .move && intent.symbols == ["indent", "offset"])
    #expect(intent.to == "pkg/filters/indentation.py")
    let lookup = RepoContextLookup(context: RepoContext(files: Self.files))
    let plan = try #require(Coordinator.toolPlan(task: task, patterns: patterns, lookup: lookup))
    let outcome = MigrationSplit(lookup: lookup, patterns: patterns).expand(plan)
    #expect(outcome.toolChanges["s1"]?.count == 4)
    #expect(
      outcome.toolNotes["s1"]
        == "done by tool: moved to pkg/filters/indentation.py, 4 files, no model")
  }
}
