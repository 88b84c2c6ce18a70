import Testing

@testable import AssistKit

@Suite struct FailingTestParserTests {
  @Test func unittestOnPython311NamesTheFullTestId() {
    let output = """
      .F.E
      ======================================================================
      FAIL: test_slugify (test_textkit.TextkitTests.test_slugify)
      ----------------------------------------------------------------------
      ======================================================================
      ERROR: test_count (test_textkit.TextkitTests.test_count)
      ----------------------------------------------------------------------
      FAILED (failures=1, errors=1)
      """
    #expect(
      FailingTestParser.failingTests(in: output) == [
        "test_textkit.TextkitTests.test_slugify", "test_textkit.TextkitTests.test_count",
      ])
  }

  @Test func olderUnittestNamesAreJoined() {
    #expect(
      FailingTestParser.failingTests(in: "FAIL: test_x (mod.Case)\n") == ["mod.Case.test_x"])
  }

  @Test func pytestShortSummaryLines() {
    let output = """
      FAILED test_textkit.py::TextkitTests::test_a - AssertionError: 'x' != 'y'
      ERROR tests/test_b.py::test_b
      2 failed in 0.1s
      """
    #expect(
      FailingTestParser.failingTests(in: output) == [
        "test_textkit.py::TextkitTests::test_a", "tests/test_b.py::test_b",
      ])
  }

  @Test func nodeTapAndSpecReporters() {
    let tap = """
      TAP version 13
      # Subtest: total applies a percentage discount
      not ok 2 - total applies a percentage discount
        ---
      not ok 3 - flaky one # SKIP
      """
    #expect(FailingTestParser.failingTests(in: tap) == ["total applies a percentage discount"])
    let spec = """
      ✔ subtotal sums lines (0.5ms)
      ✖ total applies a percentage discount (0.9ms)
      ✖ failing tests:
      """
    #expect(FailingTestParser.failingTests(in: spec) == ["total applies a percentage discount"])
  }

  @Test func goTestFailures() {
    let output = """
      --- FAIL: TestMedian (0.00s)
          --- FAIL: TestMedian/even (0.00s)
      FAIL
      FAIL\texample.com/stats\t0.003s
      """
    #expect(FailingTestParser.failingTests(in: output) == ["TestMedian", "TestMedian/even"])
  }

  @Test func genericFailLinesAreTheFallback() {
    let output = "FAIL test_stats.c:12: median(b, 4) == 2.5\nmake: *** [Makefile:4: test] Error 1\n"
    #expect(FailingTestParser.failingTests(in: output) == ["test_stats.c:12: median(b, 4) == 2.5"])
  }

  @Test func outputThatNamesNoTestGivesNoNames() {
    #expect(FailingTestParser.failingTests(in: "Segmentation fault\nFAILED (errors=1)\n") == [])
    #expect(FailingTestParser.failingTests(in: "") == [])
  }
}
