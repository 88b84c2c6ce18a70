import AssistKit
import Testing

/// What a sub-agent is shown of a file in its scope that is too large to show whole.
@Suite struct ScopeViewTests {
  /// A test module of sixty tests, far larger than the budget below.
  static let tests: String =
    "import unittest\n\nimport pkg\n\n\n"
    + (0..<60).map { index in
      "def test_case_\(index)():\n    value = pkg.parse('select \(index)')\n"
        + "    assert value is not None\n    assert len(value) == 1\n\n\n"
    }.joined()

  @Test func aLargeFileWithNoPlaceShowsItsLastDefinitionToAnchorNewCodeOn() {
    let context = RepoContext(files: ["tests/test_parse.py": Self.tests])
    let view = ScopeView.make(
      context: context, scope: ["tests/test_parse.py"], places: [], budget: 300)
    #expect(view.wholeFiles.isEmpty)
    #expect(view.slices.count == 1)
    #expect(view.text.contains("def test_case_59():"))
    #expect(!view.text.contains("def test_case_3():"))
    #expect(!view.notShown.contains("tests/test_parse.py (outline only)"))
  }

  @Test func aFileThatFitsIsShownWhole() {
    let context = RepoContext(files: ["tests/test_parse.py": Self.tests])
    let view = ScopeView.make(
      context: context, scope: ["tests/test_parse.py"], places: [], budget: 20_000)
    #expect(view.wholeFiles == ["tests/test_parse.py"])
    #expect(view.text.contains("def test_case_3():"))
  }
}
