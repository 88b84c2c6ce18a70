/// How many tests a run executed, read from a test runner's summary line.
///
/// Each known runner prints one summary shape; the last matching line wins (the summary comes
/// at the end). `nil` when the output has no summary this knows; then the count decides nothing.
enum TestsRunParser {
  /// The number of tests `output` says ran, or `nil` when it does not say.
  static func testsRun(in output: String) -> Int? {
    let lines = output.split(separator: "\n", omittingEmptySubsequences: true)
    for line in lines.reversed() {
      if let count = count(in: line.hasSuffix("\r") ? line.dropLast() : line) { return count }
    }
    return nil
  }

  /// The count one summary line states.
  static func count(in raw: Substring) -> Int? {
    let line = raw.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
    // Python unittest: "Ran 4 tests in 0.001s".
    if line.hasPrefix("Ran "), let number = leadingNumber(line.dropFirst(4)) { return number }
    // pytest: "=== 3 passed, 1 failed in 0.12s ===", "=== no tests ran in 0.01s ===".
    if line.hasPrefix("="), line.hasSuffix("=") {
      if line.contains("no tests ran") { return 0 }
      return sum(of: ["passed", "failed", "error", "errors"], in: line)
    }
    // pytest -q: "3 passed, 1 failed in 0.12s", "no tests ran in 0.01s" (no `=` rule).
    if let count = quietPytest(line) { return count }
    // Jest: "Tests:       1 failed, 5 passed, 6 total".
    if line.hasPrefix("Tests:"), let total = numbered("total", in: line) { return total }
    // TAP plan: "1..7".
    if line.hasPrefix("1.."), let number = Int(line.dropFirst(3)) { return number }
    // cargo: "test result: ok. 12 passed; 0 failed; 1 ignored; …".
    if line.hasPrefix("test result:") { return sum(of: ["passed", "failed", "ignored"], in: line) }
    // node --test: "ℹ tests 9".
    if line.hasPrefix("ℹ tests "), let number = Int(line.dropFirst("ℹ tests ".count)) {
      return number
    }
    return nil
  }

  /// pytest's quiet summary: counted outcomes, then ` in ` and a duration in seconds.
  private static func quietPytest(_ line: Substring) -> Int? {
    let halves = line.split(separator: " in ", omittingEmptySubsequences: false)
    guard halves.count == 2 else { return nil }
    let time = halves[1].prefix(while: { $0 != " " })
    guard time.hasSuffix("s"), Double(time.dropLast()) != nil else { return nil }
    let counts = halves[0]
    if counts == "no tests ran" { return 0 }
    let outcomes: Set<Substring> = [
      "passed", "failed", "error", "errors", "skipped", "xfailed", "xpassed", "warning",
      "warnings", "deselected", "rerun",
    ]
    let parts = counts.split(separator: ", ")
    let wellFormed = parts.allSatisfy { part in
      let words = part.split(separator: " ")
      return words.count == 2 && Int(words[0]) != nil && outcomes.contains(words[1])
    }
    guard wellFormed, !parts.isEmpty else { return nil }
    return sum(of: ["passed", "failed", "error", "errors"], in: counts)
  }

  private static func leadingNumber(_ text: Substring) -> Int? {
    Int(text.prefix(while: \.isNumber))
  }

  /// The sum of the numbers before each of `words` (`3 passed, 1 failed` → 4), or `nil` if none.
  private static func sum(of words: [String], in line: Substring) -> Int? {
    let counts = words.compactMap { numbered($0, in: line) }
    return counts.isEmpty ? nil : counts.reduce(0, +)
  }

  /// The number written just before `word` (`5 passed` → 5).
  private static func numbered(_ word: String, in line: Substring) -> Int? {
    let tokens = line.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "." })
    guard let index = tokens.firstIndex(where: { $0 == word }), index > tokens.startIndex else {
      return nil
    }
    return Int(tokens[tokens.index(before: index)])
  }
}
