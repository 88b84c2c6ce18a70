import AssistKit
import AssistTesting
import Testing

/// A task whose head a tool can do and which goes on to ask for more ("…; add a flag …; add a
/// test …"): the head is done by tool, every further part becomes a model sub-task after it with
/// the files it is about, and a part whose files cannot be found leaves the task to the planner.
@Suite struct FollowOnPartsTests {
  static let package: [String: String] =
    MechanicalSignatureTests.engine.merging([
      "pkg/cli.py": """
      import argparse


      def create_parser():
          parser = argparse.ArgumentParser(prog='pkgformat')
          group = parser.add_argument_group('Formatting Options')
          group.add_argument('--strip-comments', dest='strip_comments', action='store_true')
          return parser

      """,
      "tests/test_parse.py": """
      import pkg


      def test_parse():
          assert pkg.parse('select 1')

      """,
      "README.md": "Use `--strip-comments` to drop comments.\n",
    ]) { first, _ in first }

  static let task =
    "Add a keyword-only parameter `strip_semicolon: bool = False` to `pkg.parse` and "
    + "`pkg.parsestream`, passed on to the filter stack; add a `--strip-semicolon` flag to the "
    + "command-line tool that turns it on; add a test for `parse` with it in tests/test_parse.py."

  @Test func theHeadIsDoneByToolAndEachFollowOnPartIsAModelSubtaskAfterIt() throws {
    let lookup = RepoContextLookup(context: RepoContext(files: Self.package))
    let patterns = try TaskIntentPatterns.load(file: TaskIntentPatternsTests.shipped)
    // The whole text is not a tool's: the signature pattern leaves "; add …" to others.
    #expect(patterns.intent(of: Self.task) == nil)
    let plan = try #require(
      Coordinator.toolPlan(task: Self.task, patterns: patterns, lookup: lookup))
    #expect(plan.subtasks.map(\.id) == ["s1", "s2", "s3"])
    #expect(plan.subtasks[0].intent?.action == .signature)
    #expect(!plan.subtasks[0].goal.contains("--strip-semicolon"))
    // The flag goes where its nearest sibling is (code, not the README); the test where named.
    #expect(plan.subtasks[1].files == ["pkg/cli.py"])
    #expect(plan.subtasks[1].goal.hasPrefix("add a `--strip-semicolon` flag"))
    #expect(plan.subtasks[2].files == ["tests/test_parse.py"])
    // The test goes at the end of the test file it names; the flag goes into existing code.
    #expect(plan.subtasks[2].intent?.appendsTo == "tests/test_parse.py")
    #expect(plan.subtasks[1].intent?.appendsTo == nil)
    #expect(
      plan.subtasks[1...].allSatisfy { $0.dependsOn == ["s1"] && $0.intent?.action == .feature })
    let outcome = MigrationSplit(lookup: lookup, patterns: patterns).expand(plan)
    let change = try #require(outcome.toolChanges["s1"]?.first)
    #expect(change.new?.contains("engine.FilterStack(strip_semicolon=strip_semicolon)") == true)
    #expect(outcome.toolChanges["s2"] == nil && outcome.toolChanges["s3"] == nil)
    #expect(outcome.plan.subtasks.suffix(2).map(\.dependsOn) == [["s1"], ["s1"]])
  }

  @Test func aRenameThatGoesOnToAskForATestKeepsThatPart() throws {
    let lookup = RepoContextLookup(context: RepoContext(files: Self.package))
    let patterns = try TaskIntentPatterns.load(file: TaskIntentPatternsTests.shipped)
    let plan = try #require(
      Coordinator.toolPlan(
        task: "Rename `parsestream` to `parse_stream`; add a test for it in tests/test_stream.py",
        patterns: patterns, lookup: lookup))
    #expect(plan.subtasks.map(\.id) == ["s1", "s2"])
    #expect(plan.subtasks[0].intent?.from == "parsestream")
    #expect(plan.subtasks[1].files == ["tests/test_stream.py"])
    // A new test file is written whole, not appended to.
    #expect(plan.subtasks[1].intent?.appendsTo == nil)
  }

  @Test func aFollowOnPartWithNoFileToChangeLeavesTheTaskToThePlanner() throws {
    let lookup = RepoContextLookup(context: RepoContext(files: Self.package))
    let patterns = try TaskIntentPatterns.load(file: TaskIntentPatternsTests.shipped)
    let task =
      "Rename `parsestream` to `parse_stream`; add a changelog entry that thanks the reviewers"
    #expect(
      Coordinator.followOnFiles("add a changelog entry that thanks the reviewers", lookup: lookup)
        .isEmpty)
    #expect(Coordinator.toolPlan(task: task, patterns: patterns, lookup: lookup) == nil)
  }

  @Test func headsAreTriedLongestFirst() throws {
    let patterns = try TaskIntentPatterns.load(file: TaskIntentPatternsTests.shipped)
    let cuts = patterns.headsAndFollowOns(of: "Do a; add b; and then c; update d.")
    #expect(cuts.map(\.head) == ["Do a; add b; and then c", "Do a; add b", "Do a"])
    #expect(cuts.last?.followOns == ["add b", "and then c", "update d."])
    #expect(patterns.headsAndFollowOns(of: "Rename `a` to `b`; no alias for the old name").isEmpty)
  }
}
