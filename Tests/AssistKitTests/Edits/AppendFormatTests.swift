import AssistKit
import Testing

/// New code for the end of a file, written alone: nothing quoted, nothing repeated.
@Suite struct AppendFormatTests {
  static let tests = "import pkg\n\n\ndef test_parse():\n    assert pkg.parse('select 1')\n\n"

  @Test func theNewCodeGoesAtTheEndAfterTwoBlankLines() throws {
    let format = AppendFormat(path: "tests/test_parse.py", content: Self.tests)
    let reply = """
      Here is the test:

      ```python
      def test_parse_strip_semicolon():
          assert str(pkg.parse('select 1;', strip_semicolon=True)[0]) == 'select 1'
      ```
      """
    let edits = try format.parse(reply: reply, defaultPath: nil)
    #expect(
      edits == [
        FileEdit(
          path: "tests/test_parse.py",
          change: .write(
            "import pkg\n\n\ndef test_parse():\n    assert pkg.parse('select 1')\n\n\n"
              + "def test_parse_strip_semicolon():\n"
              + "    assert str(pkg.parse('select 1;', strip_semicolon=True)[0]) == 'select 1'\n"))
      ])
    #expect(format.instructions.contains("added at the end of tests/test_parse.py"))
  }

  @Test func aDefinitionTheFileAlreadyHasIsRefusedNotCopiedTwice() {
    let format = AppendFormat(path: "tests/test_parse.py", content: Self.tests)
    let reply = "```python\ndef test_parse():\n    assert True\n```\n"
    #expect {
      try format.parse(reply: reply, defaultPath: nil)
    } throws: { error in
      (error as? EditParseError)?.reason.contains("`test_parse` is already defined") == true
    }
  }

  @Test func aReplyWithNoBlockHasNoEdits() throws {
    let format = AppendFormat(path: "tests/test_parse.py", content: Self.tests)
    #expect(try format.parse(reply: "I would add a test.", defaultPath: nil).isEmpty)
  }
}
