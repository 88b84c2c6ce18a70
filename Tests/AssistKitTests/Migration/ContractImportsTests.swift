import AssistKit
import AssistTesting
import Testing

/// A migration part that raises the contract's new class without importing it gets the
/// contract's import line from the tool; a file that binds it already is left alone.
@Suite struct ContractImportsTests {
  static let contract = Contract(
    action: .exception, oldName: "ValueError", newName: "InvalidSizeError",
    module: "sizes/errors.py")

  func completed(_ new: String, path: String = "sizes/core.py") -> String? {
    ContractImports.completed(
      EditApplier.FileChange(path: path, old: "", new: new), contract: Self.contract)?.new
  }

  @Test func aFileThatRaisesTheNewClassUnimportedGetsTheContractsImportLine() {
    #expect(
      completed("def chunked(items, size):\n    raise InvalidSizeError(\"size\")\n")
        == "from sizes.errors import InvalidSizeError\n\n\ndef chunked(items, size):\n"
        + "    raise InvalidSizeError(\"size\")\n")
    // After the file's imports, past a parenthesized one.
    #expect(
      completed(
        "import re\nfrom .core import (\n    chunked,\n)\n\n\ndef w():\n    raise InvalidSizeError\n"
      )
        == "import re\nfrom .core import (\n    chunked,\n)\nfrom sizes.errors import InvalidSizeError\n\n\n"
        + "def w():\n    raise InvalidSizeError\n")
    // After a module docstring.
    #expect(
      completed("\"\"\"Sizes.\n\nMore.\n\"\"\"\n\ndef w():\n    raise InvalidSizeError\n")?
        .hasPrefix("\"\"\"Sizes.\n\nMore.\n\"\"\"\nfrom sizes.errors import InvalidSizeError\n")
        == true)
  }

  @Test func aFileThatBindsTheNameOrDoesNotUseItIsLeftAlone() {
    #expect(
      completed("from sizes.errors import InvalidSizeError\n\nraise InvalidSizeError\n") == nil)
    #expect(
      completed(
        "from sizes.errors import (\n    Other,\n    InvalidSizeError,\n)\nraise InvalidSizeError\n"
      )
        == nil)
    #expect(completed("def f():\n    raise ValueError\n") == nil)
    #expect(
      completed("class InvalidSizeError(ValueError):\n    pass\n", path: "sizes/errors.py") == nil)
    let rename = Contract(action: .rename, oldName: "a", newName: "b")
    #expect(
      ContractImports.completed(
        EditApplier.FileChange(path: "m.py", old: "", new: "b()\n"), contract: rename) == nil)
  }
}
