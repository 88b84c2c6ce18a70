import AssistKit
import AssistTesting
import Testing

/// Topology from the task: per-file sub-tasks carrying the contract, a design sub-task first when
/// the contract needs a new module, one agent with no planner call when the task is one file's.
@Suite struct MigrationSplitTests {
  static let lookup = RepoContextLookup(context: RepoContext(files: PythonPackageFixture.files))

  @Test func aSignatureChangeAcrossFilesBecomesOneSubTaskPerFileWithTheContract() throws {
    let plan = Plan(
      subtasks: [
        Subtask(
          id: "s1", kind: .migration, goal: "Give chunked a strict flag", files: ["pkg/core.py"],
          intent: ChangeIntent(action: .signature, symbols: ["chunked"]))
      ], origin: .planner)
    let outcome = MigrationSplit(lookup: Self.lookup).expand(plan)
    #expect(outcome.toolChanges.isEmpty)
    // With no parameter the tool can read, the definition's file first; re-exports, imports,
    // tests and docs are not parts of it.
    #expect(
      outcome.plan.subtasks.map(\.files) == [["pkg/core.py"], ["pkg/extra.py"], ["pkg/report.py"]])
    #expect(outcome.plan.subtasks.map(\.id) == ["s1.1", "s1.2", "s1.3"])
    #expect(outcome.plan.subtasks.map(\.dependsOn) == [[], ["s1.1"], ["s1.1"]])
    #expect(outcome.plan.subtasks.allSatisfy { $0.goal.contains("Shared contract") })
    #expect(outcome.plan.subtasks[1].goal.contains("Change only pkg/extra.py, at: line 8 (call)"))
    #expect(outcome.plan.contract?.newName == "chunked")
    // A function only imported elsewhere: its signature change is one file's.
    let first = MigrationSplit(lookup: Self.lookup).expand(
      Plan(
        subtasks: [
          Subtask(
            id: "s1", kind: .migration, goal: "Add strict=False to first", files: [],
            intent: ChangeIntent(action: .signature, symbols: ["first"]))
        ], origin: .planner))
    #expect(first.plan.subtasks.map(\.files) == [["pkg/core.py"]])
  }

  @Test func aNewExceptionModuleGetsADesignSubTaskThePerFileOnesWaitFor() throws {
    let plan = Plan(
      subtasks: [
        Subtask(
          id: "s1", kind: .migration, goal: "Raise InvalidSizeError in chunked and windowed",
          files: [],
          intent: ChangeIntent(
            action: .exception, symbols: ["chunked", "windowed"], from: "ValueError",
            to: "InvalidSizeError"))
      ], origin: .planner)
    let outcome = MigrationSplit(lookup: Self.lookup).expand(plan)
    let design = try #require(outcome.plan.subtasks.first)
    #expect(design.kind == .design)
    #expect(design.files == ["pkg/errors.py"])
    #expect(outcome.plan.contract?.module == "pkg/errors.py")
    // The class is written by the tool; the base is a builtin, so it needs no import.
    #expect(
      outcome.toolChanges[design.id]
        == [
          EditApplier.FileChange(
            path: "pkg/errors.py", old: nil, new: "class InvalidSizeError(ValueError):\n    pass\n")
        ])
    // Only the raises inside the functions the intent names: chunked's size check.
    #expect(outcome.plan.subtasks.dropFirst().map(\.files) == [["pkg/core.py"]])
    #expect(outcome.plan.subtasks.dropFirst().allSatisfy { $0.dependsOn == [design.id] })
    let part = outcome.plan.subtasks[1].goal
    #expect(part.contains("Change only pkg/core.py, at: line 4 (raise)"), "\(part)")
    #expect(part.contains("`from pkg.errors import InvalidSizeError`"), "\(part)")
  }

  @Test func aTaskThatIntroducesAnExceptionIsPlannedByToolFromItsRaises() throws {
    var files = PythonPackageFixture.files
    files["pkg/report.py"] =
      "def pages(lines, per_page=10):\n    if per_page <= 0:\n        raise ValueError(\"per_page\")\n"
      + "    return lines\n"
    files["tests/test_core.py"] = "import pytest\n\n\ndef test_bad():\n    raise ValueError('x')\n"
    let lookup = RepoContextLookup(context: RepoContext(files: files))
    let patterns = try TaskIntentPatterns.load(file: projectRoot + "/share/task-intents.yaml")
    let plan = try #require(
      Coordinator.toolPlan(
        task: "Introduce InvalidSizeError(ValueError) in a new module pkg/errors.py and raise it "
          + "in every size check",
        patterns: patterns, lookup: lookup))
    #expect(plan.origin == .tool)
    // The raises outside tests, not the handlers, the tests or other mentions.
    #expect(plan.subtasks.first?.files == ["pkg/core.py", "pkg/report.py"])
    let outcome = MigrationSplit(lookup: lookup, patterns: patterns).expand(plan)
    #expect(
      outcome.plan.subtasks.map(\.files) == [["pkg/errors.py"], ["pkg/core.py"], ["pkg/report.py"]])
    #expect(outcome.toolNotes["s1-design"]?.contains("created pkg/errors.py, no model") == true)
    // No raise of the base anywhere: the planner decides.
    #expect(
      Coordinator.toolPlan(
        task: "Introduce SizeError(KeyError) in pkg/errors.py and raise it in every lookup",
        patterns: patterns, lookup: lookup) == nil)
  }

  @Test func aBareNewModuleNameGoesIntoThePackageThatRaisesTheBase() throws {
    let patterns = try TaskIntentPatterns.load(file: projectRoot + "/share/task-intents.yaml")
    let intent = try #require(
      patterns.intent(
        of:
          "Introduce `InvalidSizeError(ValueError)` in a new errors.py and raise it in six size checks"
      ))
    #expect(intent.module == "errors.py")
    let contract = try #require(Contract.decide(for: intent, lookup: Self.lookup))
    #expect(contract.module == "pkg/errors.py")
    #expect(contract.importLine == "from pkg.errors import InvalidSizeError")
    // A path with a folder, or a file the root already has, is taken as written.
    var files = PythonPackageFixture.files
    files["errors.py"] = "class Base(Exception):\n    pass\n"
    let rooted = RepoContextLookup(context: RepoContext(files: files))
    #expect(Contract.decide(for: intent, lookup: rooted)?.module == "errors.py")
  }

  @Test func aNewExceptionWithTwoBasesIsWrittenByToolAndReExportedByThePackage() throws {
    var files = PythonPackageFixture.files
    files["pkg/errors.py"] = "class PkgError(Exception):\n    pass\n"
    files["pkg/core.py"] =
      "from pkg.errors import PkgError\n\n\ndef chunked(items, size):\n    if size < 1:\n"
      + "        raise PkgError(\"size\")\n    return [items]\n"
    files["pkg/extra.py"] =
      "from pkg.errors import PkgError\n\n\ndef windowed(items, size):\n    if size < 1:\n"
      + "        raise PkgError(\"size\")\n    return []\n"
    let lookup = RepoContextLookup(context: RepoContext(files: files))
    let patterns = try TaskIntentPatterns.load(file: projectRoot + "/share/task-intents.yaml")
    let plan = try #require(
      Coordinator.toolPlan(
        task: "Introduce `SizeError`, a subclass of both `PkgError` and `ValueError`, in the "
          + "errors module; raise it instead of `PkgError`, and make it importable as "
          + "`pkg.SizeError`.", patterns: patterns, lookup: lookup))
    #expect(plan.contract?.otherBases == ["ValueError"])
    #expect(plan.contract?.exportModule == "pkg/__init__.py")
    let outcome = MigrationSplit(lookup: lookup, patterns: patterns).expand(plan)
    let design = try #require(outcome.plan.subtasks.first)
    #expect(design.files == ["pkg/errors.py", "pkg/__init__.py"])
    let changes = try #require(outcome.toolChanges[design.id])
    #expect(
      changes.first?.new?.hasSuffix("class SizeError(PkgError, ValueError):\n    pass\n") == true)
    #expect(
      changes.last?.new
        == "from .core import chunked, first\nfrom .extra import windowed\n"
        + "from pkg.errors import SizeError\n\n"
        + "__all__ = [\"chunked\", \"first\", \"windowed\", \"SizeError\"]\n")
    #expect(outcome.toolNotes[design.id]?.contains("re-exported by pkg/__init__.py") == true)
    #expect(outcome.plan.subtasks.dropFirst().map(\.files) == [["pkg/core.py"], ["pkg/extra.py"]])
    // A second base defined in another module needs an import the tool does not choose.
    var elsewhere = files
    elsewhere["pkg/other.py"] = "class OtherError(Exception):\n    pass\n"
    let split = MigrationSplit(
      lookup: RepoContextLookup(context: RepoContext(files: elsewhere)), patterns: patterns)
    var contract = try #require(plan.contract)
    contract.otherBases = ["OtherError"]
    #expect(ExceptionClass.change(for: contract, lookup: split.lookup) == nil)
  }

  /// "raise it … in the grouping engine and the filter stack": the modules the task names scope
  /// the raises, so the tool rewrites them and the imports; a raise elsewhere stays as it was.
  @Test func raisesInTheModulesATaskNamesAreRewrittenByToolWithTheirImports() throws {
    var files = PythonPackageFixture.files
    files["pkg/errors.py"] = "class PkgError(Exception):\n    pass\n"
    files["pkg/grouping.py"] =
      "import re\nfrom pkg.errors import PkgError\n\n\ndef group(depth):\n    if depth > 9:\n"
      + "        raise PkgError(\"too deep\")\n    try:\n        return re\n    except PkgError:\n"
      + "        raise PkgError(\"again\") from None\n"
    files["pkg/filter_stack.py"] =
      "import sys\n\n\ndef run():\n    raise pkg_error()\n\n\ndef limit():\n    raise PkgError\n"
    files["pkg/formatter.py"] =
      "from pkg.errors import PkgError\n\n\ndef check(x):\n    raise PkgError(\"bad option\")\n"
    let lookup = RepoContextLookup(context: RepoContext(files: files))
    let patterns = try TaskIntentPatterns.load(file: projectRoot + "/share/task-intents.yaml")
    let plan = try #require(
      Coordinator.toolPlan(
        task: "Add `LimitError(PkgError)` to the errors module and raise it, instead of the plain "
          + "`PkgError`, in the grouping engine and the filter stack.",
        patterns: patterns, lookup: lookup))
    let outcome = MigrationSplit(lookup: lookup, patterns: patterns).expand(plan)
    #expect(outcome.plan.subtasks.count == 1)
    let changes = try #require(outcome.toolChanges[outcome.plan.subtasks[0].id])
    let tree = Dictionary(uniqueKeysWithValues: changes.map { ($0.path, $0.new ?? "") })
    #expect(tree.keys.sorted() == ["pkg/errors.py", "pkg/filter_stack.py", "pkg/grouping.py"])
    // PkgError is still caught in grouping.py, so its import keeps it.
    #expect(
      tree["pkg/grouping.py"]
        == "import re\nfrom pkg.errors import PkgError, LimitError\n\n\ndef group(depth):\n"
        + "    if depth > 9:\n        raise LimitError(\"too deep\")\n    try:\n        return re\n"
        + "    except PkgError:\n        raise LimitError(\"again\") from None\n")
    #expect(
      tree["pkg/filter_stack.py"]
        == "import sys\nfrom pkg.errors import LimitError\n\n\ndef run():\n    raise pkg_error()\n\n\n"
        + "def limit():\n    raise LimitError\n")
    #expect(outcome.toolNotes.values.first?.contains("3 raise(s) in 2 file(s)") == true)
    #expect(ModuleWords.named("pkg/filter_stack.py", in: "the Filter Stack's limit"))
    #expect(!ModuleWords.named("pkg/filter_stack.py", in: "a filter and a stack"))
  }

  @Test func dependentsOfASplitSubTaskWaitForEveryPartAndADuplicateChangeIsMerged() {
    let intent = ChangeIntent(action: .signature, symbols: ["chunked"])
    let plan = Plan(
      subtasks: [
        Subtask(id: "s1", kind: .migration, goal: "add strict", files: [], intent: intent),
        Subtask(id: "s2", kind: .migration, goal: "add strict too", files: [], intent: intent),
        Subtask(id: "s3", kind: .analysis, goal: "check", files: [], dependsOn: ["s1", "s2"]),
      ], origin: .planner)
    let outcome = MigrationSplit(lookup: Self.lookup).expand(plan)
    #expect(outcome.plan.subtasks.map(\.id) == ["s1.1", "s1.2", "s1.3", "s3"])
    #expect(outcome.plan.subtasks.last?.dependsOn == ["s1.1", "s1.2", "s1.3"])
    #expect(outcome.notes.contains("s2: the same change as s1.1, s1.2, s1.3"))
    // The callers wait for the definition, the check for all of them.
    #expect(outcome.plan.depth == 3)
  }

  @Test func aPlannersRenameWithoutItsNewNameIsCompletedFromTheGoal() throws {
    var files = PythonPackageFixture.files
    files["pkg/table.py"] = nil
    let lookup = RepoContextLookup(context: RepoContext(files: files))
    let plan = Plan(
      subtasks: [
        Subtask(
          id: "s1", kind: .migration,
          goal: "rename the function chunked in pkg/core.py to batched_list",
          files: ["pkg/core.py"], intent: ChangeIntent(action: .rename, symbols: ["chunked"]))
      ], origin: .planner)
    let patterns = try TaskIntentPatterns.load(file: projectRoot + "/share/task-intents.yaml")
    let outcome = MigrationSplit(lookup: lookup, patterns: patterns).expand(plan)
    #expect(outcome.toolChanges["s1"]?.count == 6)
    #expect(outcome.plan.contract?.newName == "batched_list")
  }

  @Test func aFixInOneFileIsNotSplit() {
    let plan = Plan(
      subtasks: [
        Subtask(
          id: "s1", kind: .migration, goal: "fix first", files: ["pkg/core.py"],
          intent: ChangeIntent(action: .fix, symbols: ["first"]))
      ], origin: .planner)
    let outcome = MigrationSplit(lookup: Self.lookup).expand(plan)
    #expect(outcome.plan == plan)
    #expect(outcome.notes.isEmpty)
  }

  @Test func aTaskAboutOneFilesOwnFunctionSkipsThePlanner() throws {
    let context = RepoContext(files: PythonPackageFixture.files)
    let lookup = RepoContextLookup(context: context)
    let patterns = try TaskIntentPatterns.load(file: projectRoot + "/share/task-intents.yaml")
    let plan = try #require(
      Coordinator.oneFilePlan(
        task: "Fix rows in pkg/table.py: it must return three rows.", context: context,
        lookup: lookup, patterns: patterns))
    #expect(plan.origin == .oneFile)
    #expect(plan.subtasks.map(\.files) == [["pkg/table.py"]])
    // `chunked` is used in other modules: the planner decides the topology.
    #expect(
      Coordinator.oneFilePlan(
        task: "Make chunked in pkg/core.py reject a size of 0.", context: context, lookup: lookup,
        patterns: patterns) == nil)
    // Two files named, or none: the planner decides.
    #expect(
      Coordinator.oneFilePlan(
        task: "Fix rows in table.py and first in core.py", context: context, lookup: lookup,
        patterns: patterns) == nil)
    #expect(
      Coordinator.oneFilePlan(
        task: "Make rows faster", context: context, lookup: lookup, patterns: patterns) == nil)
  }

  @Test func slotsAreCountedPerTierSoTwoServersWorkAtOnce() {
    var slots = TierSlots(
      capacity: ["local-small": 1, "local-medium": 1],
      startTier: ["a": "local-small", "b": "local-small", "c": "local-medium"])
    slots.take(for: "a")
    #expect(!slots.isFree(for: "b"))
    #expect(slots.isFree(for: "c"))
    slots.release(for: "a")
    #expect(slots.isFree(for: "b"))
    #expect(slots.isFree(for: "unrouted"))
  }
}
