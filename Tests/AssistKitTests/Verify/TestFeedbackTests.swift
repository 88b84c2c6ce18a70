import AssistKit
import Foundation
import Testing

@Suite struct TestFeedbackTests {
  static let unittestOutput = """
    .F.F
    ======================================================================
    FAIL: test_slugify (test_textkit.TextkitTests.test_slugify)
    ----------------------------------------------------------------------
    Traceback (most recent call last):
      File "/tmp/x/test_textkit.py", line 8, in test_slugify
        self.assertEqual(slugify("Hello, World!"), "hello-world")
    AssertionError: 'Hello-World' != 'hello-world'
    - Hello-World
    ? ^     ^
    + hello-world
    ? ^     ^


    ======================================================================
    FAIL: test_word_count (test_textkit.TextkitTests.test_word_count)
    ----------------------------------------------------------------------
    Traceback (most recent call last):
      File "/tmp/x/test_textkit.py", line 14, in test_word_count
        self.assertEqual(word_count("one  two   three"), 3)
    AssertionError: 6 != 3

    ----------------------------------------------------------------------
    Ran 4 tests in 0.001s

    FAILED (failures=2)
    """

  private func result(_ output: String, failing: [String]) -> VerificationResult {
    VerificationResult(
      command: "python3 -m unittest", status: .failed, exitCode: 1, output: output,
      failingTests: failing)
  }

  @Test func namesAssertionsAndTracebackTailsWithBaselineNotes() {
    let failing = [
      "test_textkit.TextkitTests.test_slugify", "test_textkit.TextkitTests.test_word_count",
    ]
    let baseline = result("", failing: ["test_textkit.TextkitTests.test_word_count"])
    let text = TestFeedback.render(
      result(Self.unittestOutput, failing: failing), baseline: baseline, tokenBudget: 500)
    #expect(text.hasPrefix("The tests failed: `python3 -m unittest` exited 1."))
    #expect(
      text.contains("- test_textkit.TextkitTests.test_slugify (passed before your change)\n"))
    #expect(
      text.contains(
        "- test_textkit.TextkitTests.test_word_count (already failing before your change)"))
    #expect(text.contains("AssertionError: 'Hello-World' != 'hello-world'"))
    #expect(text.contains("AssertionError: 6 != 3"))
    #expect(text.contains("line 14, in test_word_count"))
    #expect(text.contains("line 8, in test_slugify"))
    #expect(!text.contains("Ran 4 tests"))
    #expect(!text.contains("======"))
    #expect(text.count <= 500 * TestFeedback.charactersPerToken)
  }

  @Test func withoutAUsefulBaselineNoClaimIsMadeAboutTheBefore() {
    let failing = ["test_textkit.TextkitTests.test_slugify"]
    let unnamed = VerificationResult(command: "t", status: .failed, exitCode: 1, output: "boom")
    let text = TestFeedback.render(
      VerificationComparison(
        baseline: unnamed, candidate: result(Self.unittestOutput, failing: failing)),
      tokenBudget: 300)
    #expect(text.contains("- test_textkit.TextkitTests.test_slugify\n"))
  }

  @Test(arguments: [40, 80, 150, 400])
  func theBudgetIsNeverExceededAndTheNamesComeFirst(tokens: Int) {
    let noise = (0..<2_000).map { "log line \($0) with some padding text" }.joined(separator: "\n")
    let output = noise + "\n" + Self.unittestOutput
    let text = TestFeedback.render(
      result(output, failing: ["test_textkit.TextkitTests.test_slugify"]), tokenBudget: tokens)
    #expect(text.count <= tokens * TestFeedback.charactersPerToken)
    #expect(text.contains("test_slugify"))
    #expect(!text.contains("log line 5 "))
  }

  @Test func pytestBlocksKeepTheirErrorLines() {
    let output = """
      ___________________ TextkitTests.test_slugify ___________________

      self = <test_textkit.TextkitTests testMethod=test_slugify>

          def test_slugify(self):
      >       self.assertEqual(slugify("Hello, World!"), "hello-world")
      E       AssertionError: 'Hello-World' != 'hello-world'

      test_textkit.py:8: AssertionError
      =========================== short test summary info ============================
      FAILED test_textkit.py::TextkitTests::test_slugify - AssertionError
      1 failed, 3 passed in 0.65s
      """
    let text = TestFeedback.render(
      result(output, failing: ["test_textkit.py::TextkitTests::test_slugify"]), tokenBudget: 300)
    #expect(text.contains("E       AssertionError: 'Hello-World' != 'hello-world'"))
    #expect(text.contains("test_textkit.py:8: AssertionError"))
    #expect(!text.contains("short test summary"))
    #expect(!text.contains("FAILED test_textkit.py"))
  }

  @Test func tapOutputKeepsExpectedAndActual() {
    let output = """
      TAP version 13
      # Subtest: total applies a percentage discount
      not ok 2 - total applies a percentage discount
        ---
        duration_ms: 0.9187
        location: '/tmp/x/cart.test.js:13:1'
        failureType: 'testCodeFailure'
        error: |-
          Expected values to be strictly equal:

          -900 !== 90

        code: 'ERR_ASSERTION'
        name: 'AssertionError'
        expected: 90
        actual: -900
        operator: 'strictEqual'
        stack: |-
          TestContext.<anonymous> (/tmp/x/cart.test.js:16:10)
          Test.runInAsyncScope (node:async_hooks:206:9)
          Test.run (node:internal/test_runner/test:796:25)
          Test.processPendingSubtests (node:internal/test_runner/test:526:18)
          Test.postRun (node:internal/test_runner/test:889:19)
          Test.run (node:internal/test_runner/test:835:12)
          async Test.processPendingSubtests (node:internal/test_runner/test:526:7)
        ...
      1..2
      # tests 2
      """
    let text = TestFeedback.render(
      result(output, failing: ["total applies a percentage discount"]), tokenBudget: 300)
    #expect(text.contains("expected: 90"))
    #expect(text.contains("actual: -900"))
    #expect(text.contains("Expected values to be strictly equal"))
    #expect(!text.contains("duration_ms"))
    #expect(text.contains("location: '/tmp/x/cart.test.js:13:1'"))
    #expect(text.contains("TestContext.<anonymous> (/tmp/x/cart.test.js:16:10)"))
    #expect(!text.contains("node:internal"))
  }

  @Test func withoutRecognisableFailuresTheLogTailIsShown() {
    let output = (1...100).map { "step \($0)" }.joined(separator: "\n") + "\nSegmentation fault\n"
    let text = TestFeedback.render(result(output, failing: []), tokenBudget: 60)
    #expect(text.contains("Segmentation fault"))
    #expect(text.contains("step 100"))
    #expect(!text.contains("step 1\n"))
  }

  @Test func timeoutsAndPassesSayWhatHappened() {
    let timedOut = VerificationResult(command: "make test", status: .timedOut, output: "waiting…")
    #expect(TestFeedback.render(timedOut, tokenBudget: 100).hasPrefix("The tests did not finish"))
    let passed = VerificationResult(command: "make test", status: .passed)
    #expect(TestFeedback.render(passed, tokenBudget: 100) == "The tests passed: `make test`.")
  }

  static let nodeOutput = """
    TAP version 13
    # Subtest: titleCase keeps the rest of each word
    not ok 1 - titleCase keeps the rest of each word
      ---
      duration_ms: 2.853051
      location: 'strings.test.js:6:1'
      failureType: 'testCodeFailure'
      error: |-
        Expected values to be strictly equal:
      code: 'ERR_ASSERTION'
      name: 'AssertionError'
      expected: 'Hello WORLD'
      actual: 'Hello World'
      operator: 'strictEqual'
      stack: |-
        TestContext.<anonymous> (strings.test.js:7:10)
        Test.runInAsyncScope (node:async_hooks:206:9)
      ...
    # Subtest: truncate never exceeds max including the ellipsis
    not ok 2 - truncate never exceeds max including the ellipsis
      ---
      location: 'strings.test.js:11:1'
      expected: 'abc…'
      actual: 'abcd…'
      stack: |-
        TestContext.<anonymous> (strings.test.js:12:10)
      ...
    1..2
    """

  @Test func aOneFunctionPromptGetsOnlyThatFunctionsAssertionsAndTheTestLineTheyPointAt() {
    let testFile = [
      "const assert = require('node:assert');", "", "", "", "",
      "test('titleCase keeps the rest of each word', () => {",
      "  assert.strictEqual(titleCase('hello wORLD'), 'Hello WORLD');", "});",
    ]
    let excerpt = FailureExcerpt.assertions(
      Self.nodeOutput, mentioning: ["titleCase"], budget: 2000
    ) { path, line in
      path == "strings.test.js" && line <= testFile.count ? testFile[line - 1] : nil
    }
    #expect(excerpt.contains("not ok 1 - titleCase keeps the rest of each word"))
    #expect(
      excerpt.contains("expected: 'Hello WORLD'") && excerpt.contains("actual: 'Hello World'"))
    #expect(
      excerpt.contains(
        "strings.test.js:7: assert.strictEqual(titleCase('hello wORLD'), 'Hello WORLD');"),
      "the deepest test-file frame is the assertion: \(excerpt)")
    #expect(!excerpt.contains("truncate") && !excerpt.contains("abcd"), "the other test is noise")
    #expect(!excerpt.contains("node:async_hooks") && !excerpt.contains("failureType"))
    // No block mentions the name: every failing test's assertions are kept.
    let all = FailureExcerpt.assertions(Self.nodeOutput, mentioning: ["slugify"], budget: 2000)
    #expect(all.contains("Hello WORLD") && all.contains("abcd…"))
  }

  /// The shape of pytest's long traceback for a crash inside a library function (a real one, from
  /// python-tabulate's history, with the docstring cut), and a test module that cannot import.
  static let pytestCrashOutput = """
    ==================================== ERRORS ====================================
    _____________________ ERROR collecting test/test_extras.py _____________________
    ImportError while importing test module 'test/test_extras.py'.
    E   ModuleNotFoundError: No module named 'freezegun'
    =================================== FAILURES ===================================
    ______________________ test_intfmt_with_string_as_integer ______________________

        def test_intfmt_with_string_as_integer():
            "Output: integer format"
    >       result = tabulate([[82642], ["1500"], [2463]], intfmt=",", tablefmt="plain")
                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

    test/test_output.py:2644:
    _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _
    tabulate/__init__.py:2197: in <listcomp>
        [_format(v, ct, fl_fmt, int_fmt, miss_v, has_invisible) for v in c]
    _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _

    val = '1500', valtype = <class 'int'>, floatfmt = 'g', intfmt = ','
    missingval = '', has_invisible = False

        def _format(val, valtype, floatfmt, intfmt, missingval="", has_invisible=True):
            if val is None:
                return missingval

            if valtype is str:
                return f"{val}"
            elif valtype is int:
    >           return format(val, intfmt)
                       ^^^^^^^^^^^^^^^^^^^
    E           ValueError: Cannot specify ',' with 's'.

    tabulate/__init__.py:1232: ValueError
    =========================== short test summary info ============================
    FAILED test/test_output.py::test_intfmt_with_string_as_integer - ValueError: ...
    ERROR test/test_extras.py
    1 failed, 177 passed, 5 skipped, 1 error in 1.03s
    """

  @Test func aPytestCrashShowsTheTestsCallAndTheFocusedFunctionsArgumentsAndFailingLine() {
    let excerpt = FailureExcerpt.assertions(
      Self.pytestCrashOutput, mentioning: ["_format"], budget: 4000)
    let expected = [
      ">       result = tabulate([[82642], [\"1500\"], [2463]], intfmt=\",\", tablefmt=\"plain\")",
      "val = '1500', valtype = <class 'int'>, floatfmt = 'g', intfmt = ','",
      "missingval = '', has_invisible = False",
      "    def _format(val, valtype, floatfmt, intfmt, missingval=\"\", has_invisible=True):",
      ">           return format(val, intfmt)",
      "E           ValueError: Cannot specify ',' with 's'.",
    ]
    var position = excerpt.startIndex
    for line in expected {
      let found = excerpt.range(of: line, range: position..<excerpt.endIndex)
      #expect(found != nil, "missing or out of order: \(line)\n\(excerpt)")
      if let found { position = found.upperBound }
    }
    #expect(!excerpt.contains("freezegun"), "an unimportable test module is not the bug")
    #expect(!excerpt.contains("return missingval") && !excerpt.contains("^^^"))
    // With no focused function, only the test's own statement is added.
    let plain = FailureExcerpt.assertions(Self.pytestCrashOutput, mentioning: [], budget: 4000)
    #expect(plain.contains(">       result = tabulate(") && !plain.contains("val = '1500'"))
    // A log with only an import failure still says so.
    let importOnly = Self.pytestCrashOutput.components(separatedBy: "=== FAILURES ===")[0]
    #expect(
      FailureExcerpt.assertions(importOnly, mentioning: [], budget: 4000).contains("freezegun"))
  }
}
