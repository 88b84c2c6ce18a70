import AssistKit
import Testing

/// Which test files touch a change, and the command each runner takes for them.
@Suite struct TestSelectionTests {
  static let files: [String: String] = [
    "calc.py": "def add(a, b):\n    return a + b\n",
    "pkg/__init__.py": "VALUE = 1\n",
    "tests/test_calc.py": "import unittest\nfrom calc import add\n",
    "tests/test_pkg.py": "import unittest\nimport pkg\n",
    "tests/test_strings.py": "import unittest\n# a calculator and calcium, no import\n",
    "tests/test-dashed.py": "import calc\n",
  ]

  @Test func aTestFileSelectedByImportOrNameGetsTheRunnersTargetedCommand() {
    let selection = TestSelection.select(
      changed: ["calc.py"], files: Self.files, suite: "python3 -m unittest")
    #expect(selection.tests == ["tests/test-dashed.py", "tests/test_calc.py"])
    // A dash makes no module name: unittest cannot be told to run it, so no targeted command.
    #expect(selection.command == nil)
    #expect(selection.reason == "unittest cannot name tests/test-dashed.py, tests/test_calc.py")
    var files = Self.files
    files["tests/test-dashed.py"] = nil
    let runnable = TestSelection.select(
      changed: ["calc.py"], files: files, suite: "python3 -m unittest")
    #expect(runnable.command == "python3 -m unittest tests.test_calc")
  }

  @Test func aPackageIsImportedByItsFolderName() {
    let selection = TestSelection.select(
      changed: ["pkg/__init__.py"], files: Self.files, suite: "python3 -m pytest -q")
    #expect(selection.tests == ["tests/test_pkg.py"])
    #expect(
      selection.command
        == "python3 -m pytest -q --continue-on-collection-errors 'tests/test_pkg.py'")
  }

  @Test func aChangedTestFileSelectsItself() {
    let selection = TestSelection.select(
      changed: ["tests/test_strings.py"], files: Self.files,
      suite: "python3 -m unittest discover -p 'test*.py'")
    #expect(selection.command == "python3 -m unittest tests.test_strings")
  }

  @Test(arguments: ["make test", "npm test", "cargo test", "swift test", ""])
  func aRunnerWithoutATargetedFormRunsTheWholeSuiteAndSaysWhy(_ suite: String) {
    let selection = TestSelection.select(changed: ["calc.py"], files: Self.files, suite: suite)
    #expect(selection.command == nil)
    #expect(selection.reason == "`\(suite)` has no targeted form")
  }

  @Test func shortOrUnmentionedNamesSelectNothing() {
    let files = ["ab.py": "X = 1\n", "tests/test_other.py": "import ab\n", "lone.py": ""]
    for changed in ["ab.py", "lone.py", "README.md"] {
      let selection = TestSelection.select(
        changed: [changed], files: files, suite: "python3 -m unittest")
      #expect(selection.tests.isEmpty)
      #expect(selection.command == nil)
      #expect(selection.reason.hasPrefix("no test file imports or is named after \(changed)"))
    }
  }

  @Test func helpersAndDataBesideTheTestsAreNotRunAsTests() {
    let files = [
      "calc.py": "", "tests/conftest.py": "import calc\n", "tests/data_calc.txt": "calc\n",
      "tests/test_calc.py": "import calc\n", "test/calc.js": "require('../calc')\n",
    ]
    let selection = TestSelection.select(
      changed: ["calc.py"], files: files, suite: "python3 -m pytest -q")
    #expect(selection.tests == ["test/calc.js", "tests/test_calc.py"])
    #expect(!TestSelection.isTestModule("tests/helper.py"))
    #expect(TestSelection.isTestModule("src/parse.spec.ts"))
  }

  @Test func pathsWithAQuoteAreNotHandedToAShell() {
    let runner = TestRunner.of("node --test")
    #expect(runner?.command(running: ["test/it's.test.js"]) == nil)
    #expect(runner?.command(running: []) == nil)
    #expect(TestRunner.of("nodejs --test") == nil)
  }
}
