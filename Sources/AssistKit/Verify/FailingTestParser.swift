internal import Foundation

/// Names of failing tests, read from a test runner's output.
///
/// Each known format has one line shape; the first format that matches anything wins, and the
/// generic `FAIL …` line is the fallback. Names are returned in order of appearance, without
/// duplicates, as the runner spells them.
enum FailingTestParser {
  /// A runner's failure-line shape: returns the test name for a matching line, or `nil`.
  typealias Format = (name: String, parse: @Sendable (Substring) -> String?)

  /// The formats, most specific first.
  static let formats: [Format] = [
    ("pytest", pytest), ("unittest", unittest), ("go", go), ("tap", tap), ("node-spec", nodeSpec),
    ("generic", generic),
  ]

  /// The failing tests `output` names.
  static func failingTests(in output: String) -> [String] {
    let lines = output.split(separator: "\n", omittingEmptySubsequences: true).map {
      $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
    for format in formats {
      var seen = Set<String>()
      let names = lines.compactMap(format.parse).filter { seen.insert($0).inserted }
      if !names.isEmpty { return names }
    }
    return []
  }

  /// `FAILED tests/test_x.py::TestX::test_y - AssertionError…` (also `ERROR`).
  static func pytest(_ line: Substring) -> String? {
    for prefix in ["FAILED ", "ERROR "] where line.hasPrefix(prefix) {
      let rest = line.dropFirst(prefix.count)
      let name = rest.range(of: " - ").map { rest[..<$0.lowerBound] } ?? rest
      if name.contains("::") || name.hasSuffix(".py") { return String(name) }
    }
    return nil
  }

  /// `FAIL: test_x (module.Class.test_x)` (Python ≥ 3.11) or `FAIL: test_x (module.Class)`.
  static func unittest(_ line: Substring) -> String? {
    for prefix in ["FAIL: ", "ERROR: "] where line.hasPrefix(prefix) {
      let rest = line.dropFirst(prefix.count)
      guard let open = rest.firstIndex(of: "("), rest.hasSuffix(")") else { continue }
      let method = rest[..<open].trimmingCharacters(in: .whitespaces)
      let owner = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
      guard !method.contains(" ") else { continue }
      return owner.hasSuffix("." + method) ? String(owner) : "\(owner).\(method)"
    }
    return nil
  }

  /// `--- FAIL: TestX (0.00s)`, indented for subtests.
  static func go(_ line: Substring) -> String? {
    let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
    guard trimmed.hasPrefix("--- FAIL: ") else { return nil }
    let rest = trimmed.dropFirst("--- FAIL: ".count)
    return String(rest.split(separator: " ").first ?? rest)
  }

  /// TAP (`node --test` without a terminal): `not ok 2 - name`, indented for subtests.
  static func tap(_ line: Substring) -> String? {
    let trimmed = line.drop(while: { $0 == " " })
    guard trimmed.hasPrefix("not ok ") else { return nil }
    let rest = trimmed.dropFirst("not ok ".count).drop(while: \.isNumber)
    var name = rest.hasPrefix(" - ") ? rest.dropFirst(3) : rest.drop(while: { $0 == " " })
    if let directive = name.range(of: " # ") {
      // Skipped and to-do tests are not failures.
      let text = name[directive.upperBound...].uppercased()
      if text.hasPrefix("SKIP") || text.hasPrefix("TODO") { return nil }
      name = name[..<directive.lowerBound]
    }
    return name.isEmpty ? nil : String(name)
  }

  /// node's spec reporter: `✖ name (1.2ms)`.
  static func nodeSpec(_ line: Substring) -> String? {
    let trimmed = line.drop(while: { $0 == " " })
    guard trimmed.hasPrefix("✖ ") else { return nil }
    var name = trimmed.dropFirst(2)
    if let open = name.lastIndex(of: "("), name.hasSuffix("ms)") { name = name[..<open] }
    let result = name.trimmingCharacters(in: .whitespaces)
    return result.isEmpty || result == "failing tests:" ? nil : result
  }

  /// Any line that starts with `FAIL` followed by `:` or a space and some text.
  static func generic(_ line: Substring) -> String? {
    let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
    guard trimmed.hasPrefix("FAIL") else { return nil }
    var rest = trimmed.dropFirst(4)
    if rest.hasPrefix("ED") { rest = rest.dropFirst(2) }
    guard let first = rest.first, first == ":" || first == " " || first == "\t" else { return nil }
    let name = rest.dropFirst().trimmingCharacters(in: .whitespaces)
    // Summary lines ("FAILED (failures=2)", "FAIL\tpkg 0.01s") name no test.
    guard !name.isEmpty, !name.hasPrefix("(") else { return nil }
    return name
  }
}
