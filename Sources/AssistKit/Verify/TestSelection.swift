internal import Foundation

/// The tests that touch a candidate's changed files, and the command that runs only them.
///
/// A test file touches a source file when it mentions the module by name (`from calc import`,
/// `require('./calc')`, `import calc`: the file's stem as a whole word, from the word scan the
/// reference graph uses) or is named after it (`test_calc.py`, `calc_test.py`, `calc.test.js`).
/// A changed test file selects itself. The runner's row in ``TestRunner/table`` turns the files
/// into a command; without a row, or without a touching test, there is no targeted command and
/// ``reason`` says why the whole suite alone decides.
package struct TestSelection: Sendable, Equatable {
  /// The changed files, repository-relative.
  package var changed: [String]
  /// The test files that touch them, sorted.
  package var tests: [String]
  /// The command that runs only ``tests``; `nil` means the whole suite only.
  package var command: String?
  /// Why there is no targeted command (empty when there is one).
  package var reason: String

  /// Selects the tests for `changed` among `files`.
  ///
  /// - Parameters:
  ///   - changed: The candidate's changed paths.
  ///   - files: Text files, path → content (the base commit's, with the candidate's new test
  ///     files added); only the test files among them are read.
  ///   - suite: The whole-suite command, whose runner decides the targeted form.
  /// - Returns: The selection.
  package static func select(changed: [String], files: [String: String], suite: String)
    -> TestSelection
  {
    let testFiles = files.keys.filter(isTestModule).sorted()
    var tests = Set(changed.filter { isTestModule($0) && files[$0] != nil })
    let stems = Set(changed.filter { !isTestModule($0) }.compactMap(moduleName))
    if !stems.isEmpty {
      for path in testFiles where !tests.contains(path) {
        if stems.contains(where: { namedAfter(path, $0) }) || mentions(files[path] ?? "", stems) {
          tests.insert(path)
        }
      }
    }
    let sorted = tests.sorted()
    let sources = changed.joined(separator: ", ")
    guard !sorted.isEmpty else {
      return TestSelection(
        changed: changed, tests: [], command: nil,
        reason: "no test file imports or is named after \(sources)")
    }
    guard let runner = TestRunner.of(suite) else {
      return TestSelection(
        changed: changed, tests: sorted, command: nil,
        reason: "`\(suite)` has no targeted form")
    }
    guard let command = runner.command(running: sorted) else {
      return TestSelection(
        changed: changed, tests: sorted, command: nil,
        reason: "\(runner.name) cannot name \(sorted.joined(separator: ", "))")
    }
    return TestSelection(changed: changed, tests: sorted, command: command, reason: "")
  }

  /// Whether a runner would run `path` as tests: `test*.py`, `*_test.*`, `*.test.*`, `*.spec.*`,
  /// or a script in a `test/` or `tests/` folder. Helpers, fixtures and data beside the tests
  /// (`tests/conftest.py`, `tests/data.txt`) are not, though ``RepoContext/looksLikeTest(_:)``
  /// counts them as test files.
  package static func isTestModule(_ path: String) -> Bool {
    let name = URL(fileURLWithPath: path).lastPathComponent.lowercased()
    if name.contains("_test.") || name.contains(".test.") || name.contains(".spec.") { return true }
    if name.hasSuffix(".py") { return name.hasPrefix("test") }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
    let script = [".js", ".mjs", ".cjs", ".ts"].contains { name.hasSuffix($0) }
    return script && (folder == "test" || folder == "tests")
  }

  /// The name code imports a file by: its stem, or its folder for `__init__.py` and `index.js`;
  /// `nil` for names too short to tell apart from ordinary words.
  static func moduleName(_ path: String) -> String? {
    let url = URL(fileURLWithPath: path)
    var stem = url.deletingPathExtension().lastPathComponent
    if stem == "__init__" || stem == "index" {
      stem = url.deletingLastPathComponent().lastPathComponent
    }
    return stem.count >= 3 && stem != "." ? stem : nil
  }

  /// Whether the test file's name is the module's with a test prefix or suffix.
  static func namedAfter(_ test: String, _ stem: String) -> Bool {
    let name = URL(fileURLWithPath: test).deletingPathExtension().lastPathComponent
    return name == "test_\(stem)" || name == "\(stem)_test" || name == "\(stem).test"
      || name == "\(stem).spec" || name == "tests_\(stem)"
  }

  /// Whether `text` has one of `stems` as a whole word.
  static func mentions(_ text: String, _ stems: Set<String>) -> Bool {
    var found = false
    References.scan(text) { word, _ in
      if !found, stems.contains(word) { found = true }
    }
    return found
  }

  /// The selection's test files with their counts, for summaries: `tests/test_x.py (12 tests)`.
  package func described(testsRun: Int?) -> String {
    let files = tests.joined(separator: ", ")
    return testsRun.map { "\(files) (\($0) test\($0 == 1 ? "" : "s"))" } ?? files
  }
}
