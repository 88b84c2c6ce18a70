internal import Foundation

/// Picks the lines of a test log that explain its failures.
///
/// The log is cut into blocks, one per failing test (a line ``FailingTestParser`` recognises, or a
/// pytest `____ name ____` header). Each block keeps its first line, every line that looks like an
/// assertion or error, and its last lines (the end of the traceback). Without blocks, the last
/// lines of the log are kept. Blocks share the budget equally.
package enum FailureExcerpt {
  /// Lines kept from the end of each block.
  static let tailLines = 6
  /// Substrings that mark a line worth keeping (compared in lowercase).
  static let markers = [
    "assert", "error", "expected", "actual", "exception", "!=", "panic", "fail", "not ok",
    "got ", "want ", "mismatch", "raise", "location:",
    "file \"",
  ]
  /// Substrings of stack frames inside the language runtime or installed libraries, which say
  /// nothing about the repository's code; such lines are dropped.
  static let noise = ["(node:", "node:internal", "site-packages/", "/lib/python3.", "duration_ms:"]

  /// The excerpt of `output` that fits in `budget` characters (empty if `budget` is too small).
  static func render(_ output: String, budget: Int) -> String {
    guard budget > 40 else { return "" }
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.hasSuffix("\r") ? $0.dropLast() : $0)
    }
    let blocks = self.blocks(lines)
    guard !blocks.isEmpty else { return tail(lines, budget: budget) }
    let share = max(budget / blocks.count, 80)
    var result = ""
    for block in blocks {
      let text = reduce(block).joined(separator: "\n")
      let piece = TestFeedback.clip(text, to: share) + "\n"
      guard result.count + piece.count <= budget else { break }
      result += piece
    }
    return result
  }

  /// Only the assertions: for each failing test whose block mentions `name` (every block when
  /// none does), its first line and the lines that look like assertions or source, no tails.
  /// For a one-function prompt to a small model, where every extra line is a distraction.
  /// - Parameter source: The line of a repository file (path, 1-based line), to show the test
  ///   line a `file:line` location points at when the output does not quote it (node, C).
  package static func assertions(
    _ output: String, mentioning names: [String], budget: Int,
    source: (String, Int) -> String? = { _, _ in nil }
  ) -> String {
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.hasSuffix("\r") ? $0.dropLast() : $0)
    }
    var blocks = self.blocks(lines)
    guard !blocks.isEmpty else { return tail(lines, budget: budget) }
    // A test module that cannot be imported (a missing optional dependency) is the environment's
    // problem, not the bug; with real failures beside it, it is noise.
    if blocks.contains(where: { !isCollectionError($0) }) {
      blocks.removeAll(where: isCollectionError)
    }
    if !names.isEmpty {
      let about = blocks.filter { $0.contains { line in names.contains(where: line.contains) } }
      if !about.isEmpty { blocks = about }
    }
    let wanted = ["assert", "error", "expected", "actual", "!=", "panic", "got ", "want ", "line "]
    var result = ""
    for block in blocks {
      var kept = [block[0]]
      let frames = pytestFrameLines(block, functions: names)
      for (index, line) in block.enumerated().dropFirst()
      where !noise.contains(where: line.contains) {
        let lower = line.lowercased()
        let wantedLine =
          wanted.contains(where: lower.contains) && !lower.contains("failuretype")
          && !lower.hasSuffix("|-")
        if wantedLine || frames.contains(index), !kept.contains(line) { kept.append(line) }
      }
      for location in block.flatMap(locations).reversed().prefix(2) {
        guard let line = source(location.path, location.line)?.trimmed, !line.isEmpty,
          !kept.contains(where: { $0.contains(line) })
        else { continue }
        kept.append("  \(location.path):\(location.line): \(line)")
        break
      }
      let piece = TestFeedback.clip(kept.joined(separator: "\n"), to: budget) + "\n"
      guard result.count + piece.count <= budget else { break }
      result += piece
    }
    return result
  }

  /// Lines of a pytest failure block worth showing beside its assertions: the test's own
  /// failing statement (the first `>` line) and, for each frame inside one of `functions`, the
  /// argument values pytest prints, the `def` line and the `>` line where the error was raised.
  /// The arguments are often the whole diagnosis (`val = '1500', valtype = <class 'int'>`).
  static func pytestFrameLines(_ block: [String], functions: [String]) -> Set<Int> {
    var kept = Set<Int>()
    if let first = block.firstIndex(where: { $0.hasPrefix(">") }) { kept.insert(first) }
    guard !functions.isEmpty else { return kept }
    var start = 1
    for end in Array(block.indices.dropFirst()) + [block.count]
    where end == block.count || block[end].hasPrefix("_ _ _") {
      let frame = start..<end
      start = end + 1
      guard
        let definition = frame.first(where: { index in
          let line = block[index].drop(while: \.isWhitespace)
          return functions.contains { name in
            line.hasPrefix("def \(name)(") || line.hasPrefix("async def \(name)(")
          }
        })
      else { continue }
      kept.insert(definition)
      for index in frame where index < definition && isArgumentLine(block[index]) {
        kept.insert(index)
      }
      if let raised = frame.last(where: { block[$0].hasPrefix(">") }), raised > definition {
        kept.insert(raised)
      }
    }
    return kept
  }

  /// pytest's `name = value, name = value` line of a frame's arguments (unindented).
  private static func isArgumentLine(_ line: String) -> Bool {
    guard let first = line.first, first == "_" || first.isLetter else { return false }
    let name = line.prefix { $0 == "_" || $0.isLetter || $0.isNumber }
    return line.dropFirst(name.count).hasPrefix(" = ")
  }

  /// Each failing test's block of `output`, by its id in `tests`: the block whose first line
  /// parses to that id (unittest, go, TAP), or whose pytest header (`____ Class.test_x ____`)
  /// is the id's part after the file (`t.py::Class::test_x`).
  package static func blocksByTest(_ output: String, tests: [String]) -> [String: [String]] {
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let known = Set(tests)
    var byTail: [String: String] = [:]
    for test in tests {
      guard let separator = test.range(of: "::") else { continue }
      byTail[test[separator.upperBound...].replacingOccurrences(of: "::", with: ".")] = test
    }
    var found: [String: [String]] = [:]
    for block in blocks(lines) {
      guard let first = block.first else { continue }
      if let id = FailingTestParser.formats.lazy.compactMap({ $0.parse(Substring(first)) }).first,
        known.contains(id)
      {
        found[id] = block
        continue
      }
      let header = first.trimmingCharacters(in: CharacterSet(charactersIn: "_ "))
      if let id = byTail[header] { found[id] = block }
    }
    return found
  }

  /// A pytest block for a test module that failed to import.
  private static func isCollectionError(_ block: [String]) -> Bool {
    block.first?.contains("ERROR collecting ") == true
  }

  /// `path:line` locations in a line (`strings.test.js:7:10`, `test_stats.c:10:`).
  static func locations(in line: String) -> [(path: String, line: Int)] {
    var found: [(path: String, line: Int)] = []
    let words = line.split { $0 == " " || $0 == "(" || $0 == ")" || $0 == "'" || $0 == "\"" }
    for word in words {
      let parts = word.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count >= 2, let number = Int(parts[1]), number > 0,
        FencedBlock.looksLikePath(String(parts[0])), !parts[0].hasPrefix("node")
      else { continue }
      found.append((String(parts[0]), number))
    }
    return found
  }

  /// Blocks of lines, each starting at a failure line and ending before the next or a separator.
  static func blocks(_ lines: [String]) -> [[String]] {
    var blocks: [[String]] = []
    var current: [String]?
    var seen = Set<String>()
    for line in lines {
      if startsBlock(line) {
        if let current, !current.isEmpty { blocks.append(current) }
        // pytest repeats each failure in its short summary; keep the first mention only.
        current = seen.insert(line).inserted ? [line] : nil
      } else if endsBlock(line) {
        // unittest underlines each failure's header; that rule does not end its block.
        if current?.count == 1 && line.hasPrefix("---") { continue }
        if let current, !current.isEmpty { blocks.append(current) }
        current = nil
      } else if current != nil, !line.allSatisfy(\.isWhitespace) {
        current?.append(line)
      }
    }
    if let current, !current.isEmpty { blocks.append(current) }
    // With real failure blocks, lone summary lines (pytest's `FAILED …`) only repeat the names.
    if blocks.contains(where: { $0.count > 1 }) { blocks.removeAll { $0.count == 1 } }
    if blocks.contains(where: { $0.first?.hasPrefix("___") == true }) {
      blocks.removeAll {
        $0.first?.hasPrefix("FAILED ") == true || $0.first?.hasPrefix("ERROR ") == true
      }
    }
    return blocks
  }

  private static func startsBlock(_ line: String) -> Bool {
    let trimmed = line.drop(while: { $0 == " " })
    if trimmed.hasPrefix("___") && trimmed.hasSuffix("___") && trimmed.contains(" ") { return true }
    return FailingTestParser.formats.contains { $0.parse(Substring(line)) != nil }
  }

  private static func endsBlock(_ line: String) -> Bool {
    let trimmed = line.trimmingCharacters(in: " ")
    return trimmed.hasPrefix("=====") || trimmed.hasPrefix("-----") || trimmed.hasPrefix("Ran ")
      || trimmed.hasPrefix("# tests ") || trimmed.hasPrefix("1..")
  }

  /// The block's first line, its marker lines and its last lines, with `…` over gaps.
  static func reduce(_ block: [String]) -> [String] {
    let block = block.enumerated().filter { index, line in
      index == 0 || !noise.contains(where: line.contains)
    }.map(\.element)
    var keep = Set([0])
    for (index, line) in block.enumerated() {
      let lower = line.lowercased()
      if markers.contains(where: lower.contains) { keep.insert(index) }
    }
    for index in max(block.count - tailLines, 0)..<block.count { keep.insert(index) }
    var result: [String] = []
    var last = -1
    for index in keep.sorted() {
      if index > last + 1 { result.append("    …") }
      result.append(block[index])
      last = index
    }
    return result
  }

  /// The last lines of the log that fit in `budget`.
  private static func tail(_ lines: [String], budget: Int) -> String {
    var kept: [String] = []
    var size = 0
    for line in lines.reversed() where !(kept.isEmpty && line.allSatisfy(\.isWhitespace)) {
      guard size + line.count + 1 <= budget else { break }
      kept.append(line)
      size += line.count + 1
    }
    return kept.reversed().joined(separator: "\n")
  }
}

extension String {
  fileprivate func trimmingCharacters(in character: Character) -> Substring {
    let start = firstIndex(where: { $0 != character }) ?? endIndex
    let end = lastIndex(where: { $0 != character }).map(index(after:)) ?? start
    return self[start..<max(start, end)]
  }
}
