internal import Foundation

/// Finds a test command that a task's text names, such as "so that `python3 -m unittest` passes".
enum TaskTextCommand {
  /// Programs that run tests; a quoted span must start with one of them.
  static let runners: Set<String> = [
    "python", "python3", "pytest", "py.test", "tox", "nox", "npm", "npx", "yarn", "pnpm", "node",
    "deno", "bun", "jest", "vitest", "mocha", "make", "go", "cargo", "swift", "ctest", "sh", "bash",
    "ruby", "rake", "bundle", "rspec", "mvn", "gradle", "./gradlew", "dotnet", "php", "phpunit",
  ]
  /// Words that must appear in the span, so `` `python3 app.py` `` is not taken for a test run.
  static let testWords = ["test", "check", "spec", "verify"]

  /// The first quoted or back-ticked span of `text` that looks like a test command.
  ///
  /// - Parameter text: The task text.
  /// - Returns: The command, or `nil`.
  static func first(in text: String) -> String? {
    spans(in: text).first(where: looksLikeTestCommand)
  }

  /// Whether `span` starts with a test runner (or a `./script`) and mentions testing.
  static func looksLikeTestCommand(_ span: String) -> Bool {
    let words = span.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard let program = words.first.map(String.init), span.count <= 300 else { return false }
    let runner = runners.contains(program) || (program.hasPrefix("./") && program.count > 2)
    let lower = span.lowercased()
    return runner && testWords.contains(where: lower.contains)
  }

  /// The contents of `` `…` ``, `"…"`, `'…'`, `“…”` and `‘…’` spans on one line, in order.
  static func spans(in text: String) -> [String] {
    let pairs: [Character: Character] = ["`": "`", "\"": "\"", "'": "'", "“": "”", "‘": "’"]
    var result: [String] = []
    var index = text.startIndex
    while index < text.endIndex {
      let opening = text[index]
      guard let closing = pairs[opening],
        opening != "'" || index == text.startIndex
          || !text[text.index(before: index)].isLetter  // an apostrophe, not a quote
      else {
        index = text.index(after: index)
        continue
      }
      let start = text.index(after: index)
      guard let end = text[start...].firstIndex(where: { $0 == closing || $0 == "\n" }),
        text[end] == closing
      else {
        index = start
        continue
      }
      let span = String(text[start..<end]).trimmingCharacters(in: .whitespaces)
      if !span.isEmpty { result.append(span) }
      index = text.index(after: end)
    }
    return result
  }
}
