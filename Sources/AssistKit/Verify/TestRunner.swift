/// A test runner that can run a chosen set of test files, and how to ask it to.
///
/// Runner knowledge is this table: each row names the leading words of a discovered command and
/// how that runner takes a selection (module names or file paths). A command no row matches has
/// no targeted form, and verification runs its whole suite only.
package struct TestRunner: Sendable, Equatable {
  /// How a runner is told which tests to run.
  package enum Target: String, Sendable, Equatable {
    /// Dotted module names (`tests.test_x`), as `python3 -m unittest` takes them.
    case modules
    /// File paths (`tests/test_x.py`), as pytest and `node --test` take them.
    case paths
  }

  /// The runner's name, for summaries.
  package var name: String
  /// The command's leading words that identify the runner (`python3 -m unittest`).
  package var prefix: [String]
  /// How it takes a selection.
  package var target: Target
  /// The command that runs a selection: `prefix`, then these words, then the targets.
  package var selectionArguments: [String]

  /// pytest stops before running any test when one test module fails to import (a missing
  /// optional dependency is common in real repositories); this runs the rest and reports that
  /// module as one failure, so verification still sees the whole suite.
  package static let pytestKeepGoing = "--continue-on-collection-errors"

  /// Every runner with a targeted form.
  package static let table: [TestRunner] = [
    TestRunner(
      name: "unittest", prefix: ["python3", "-m", "unittest"], target: .modules,
      selectionArguments: []),
    TestRunner(
      name: "unittest", prefix: ["python", "-m", "unittest"], target: .modules,
      selectionArguments: []),
    TestRunner(
      name: "pytest", prefix: ["python3", "-m", "pytest"], target: .paths,
      selectionArguments: ["-q", pytestKeepGoing]),
    TestRunner(
      name: "pytest", prefix: ["pytest"], target: .paths,
      selectionArguments: ["-q", pytestKeepGoing]),
    TestRunner(
      name: "node --test", prefix: ["node", "--test"], target: .paths, selectionArguments: []),
  ]

  /// The row whose prefix leads `command`, or `nil` when the runner has no targeted form.
  package static func of(_ command: String) -> TestRunner? {
    let words = command.split(whereSeparator: \.isWhitespace).map(String.init)
    return table.first { words.starts(with: $0.prefix) }
  }

  /// The command that runs only `tests` (repository-relative paths), or `nil` when one of them
  /// cannot be named to this runner (a module path that is not a Python identifier, a quote).
  package func command(running tests: [String]) -> String? {
    var targets: [String] = []
    for path in tests {
      switch target {
      case .modules:
        guard let module = Self.module(of: path) else { return nil }
        targets.append(module)
      case .paths:
        guard !path.contains("'") else { return nil }
        targets.append("'\(path)'")
      }
    }
    guard !targets.isEmpty else { return nil }
    return (prefix + selectionArguments + targets).joined(separator: " ")
  }

  /// `tests/test_x.py` → `tests.test_x`, or `nil` when a part is not an identifier.
  static func module(of path: String) -> String? {
    guard path.hasSuffix(".py") else { return nil }
    let parts = path.dropLast(3).split(separator: "/")
    let identifiers = parts.allSatisfy { part in
      guard let first = part.first, !first.isNumber else { return false }
      return part.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
    return identifiers && !parts.isEmpty ? parts.joined(separator: ".") : nil
  }
}
