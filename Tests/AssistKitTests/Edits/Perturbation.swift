import AssistKit
import Foundation
import Git

/// One damaged reply built from a real commit, and what it must end in.
struct Perturbation {
  /// The kind of damage.
  var name: String
  /// The edit format of the reply.
  var format: String
  /// The reply.
  var reply: String
  /// Whether any acceptance is a misapplication (the block is ambiguous by construction).
  var mustRefuse = false
}

/// A real commit: one file before and after.
struct Commit: Codable {
  var commit: String
  var subject: String
  var path: String
  var before: String
  var after: String
}

/// Builds the perturbations of a commit from its canonical diff.
enum Perturbations {
  static let names = [
    "udiff as is", "udiff, line numbers dropped", "udiff, line numbers shifted",
    "search/replace", "trailing whitespace added", "indentation removed", "indentation added",
    "quotes curled in search", "quotes curled everywhere", "blocks reordered", "context dropped",
    "spurious blank lines", "misquoted context line", "matches twice", "whole file",
    "patch envelope",
  ]

  static func all(for commit: Commit) throws -> [Perturbation] {
    let diff = try TextDiff.patch(old: commit.before, new: commit.after, path: commit.path)
    let blocks = try UnifiedDiffFormat().parse(reply: diff).compactMap {
      edit -> (String, String)? in
      guard case .replace(let search, let replacement, _) = edit.change else { return nil }
      return (search, replacement)
    }
    let path = commit.path
    var cases: [Perturbation] = []
    func add(_ name: String, _ format: String, _ reply: String, mustRefuse: Bool = false) {
      cases.append(Perturbation(name: name, format: format, reply: reply, mustRefuse: mustRefuse))
    }
    add("udiff as is", "udiff", diff)
    add("udiff, line numbers dropped", "udiff", rewriteHunkHeaders(diff) { _ in "@@ ... @@" })
    add(
      "udiff, line numbers shifted", "udiff",
      rewriteHunkHeaders(diff) { index in "@@ -\(index * 13 + 40),7 +\(index * 11 + 3),2 @@" })
    add("search/replace", "search-replace", searchReplace(path, blocks))
    add(
      "trailing whitespace added", "search-replace",
      searchReplace(path, blocks.map { (mapLines($0.0) { $0.isEmpty ? $0 : $0 + "  " }, $0.1) }))
    add("indentation removed", "search-replace", searchReplace(path, blocks.map(dedent)))
    add(
      "indentation added", "search-replace",
      searchReplace(
        path, blocks.map { (mapLines($0.0, indent), mapLines($0.1, indent)) }))
    add(
      "quotes curled in search", "search-replace",
      searchReplace(path, blocks.map { (curl($0.0), $0.1) }))
    add(
      "quotes curled everywhere", "search-replace",
      searchReplace(path, blocks.map { (curl($0.0), curl($0.1)) }))
    if blocks.count > 1 {
      add("blocks reordered", "search-replace", searchReplace(path, blocks.reversed()))
    }
    add("context dropped", "search-replace", searchReplace(path, blocks.map(dropContext)))
    add(
      "spurious blank lines", "search-replace",
      searchReplace(path, blocks.map { ("\n" + $0.0, "\n" + $0.1) }))
    if let misquoted = misquote(blocks) {
      add("misquoted context line", "search-replace", searchReplace(path, misquoted))
    }
    if let twice = duplicatedLine(in: commit.before) {
      add(
        "matches twice", "search-replace",
        searchReplace(path, [(twice + "\n", twice + "  # changed\n")]), mustRefuse: true)
    }
    add("whole file", "whole-file", "\(path)\n```python\n\(commit.after)```\n")
    add("patch envelope", "patch", envelope(path, blocks))
    return cases
  }

  static func searchReplace(_ path: String, _ blocks: [(String, String)]) -> String {
    var reply = "Here are the changes.\n\n"
    for (search, replacement) in blocks {
      reply +=
        "\(path)\n```python\n<<<<<<< SEARCH\n\(search)=======\n\(replacement)>>>>>>> REPLACE\n```\n\n"
    }
    return reply
  }

  static func envelope(_ path: String, _ blocks: [(String, String)]) -> String {
    var reply = "*** Begin Patch\n*** Update File: \(path)\n"
    for (search, replacement) in blocks {
      reply += "@@\n"
      let old = lines(search)
      let new = lines(replacement)
      // A minimal line diff: shared head and tail as context, the middle as -/+.
      var head = 0
      while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
      var tail = 0
      while tail < old.count - head, tail < new.count - head,
        old[old.count - 1 - tail] == new[new.count - 1 - tail]
      {
        tail += 1
      }
      for line in old[..<head] { reply += " " + line + "\n" }
      for line in old[head..<old.count - tail] { reply += "-" + line + "\n" }
      for line in new[head..<new.count - tail] { reply += "+" + line + "\n" }
      for line in old[(old.count - tail)...] { reply += " " + line + "\n" }
    }
    return reply + "*** End Patch\n"
  }

  static func lines(_ text: String) -> [String] {
    var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if result.last == "" { result.removeLast() }
    return result
  }

  static func mapLines(_ text: String, _ transform: (String) -> String) -> String {
    lines(text).map { transform($0) + "\n" }.joined()
  }

  static func rewriteHunkHeaders(_ diff: String, _ header: (Int) -> String) -> String {
    var index = 0
    return lines(diff).map { line -> String in
      guard line.hasPrefix("@@ ") else { return line + "\n" }
      index += 1
      return header(index) + "\n"
    }.joined()
  }

  /// Four more spaces on a line with content; blank lines are left as they were.
  static func indent(_ line: String) -> String {
    line.allSatisfy(\.isWhitespace) ? line : "    " + line
  }

  static func dedent(_ block: (String, String)) -> (String, String) {
    let all = lines(block.0) + lines(block.1)
    let indent =
      all.filter { !$0.allSatisfy(\.isWhitespace) }
      .map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
    // Blank lines are left as they were: only lines with content lose their indentation.
    let strip: (String) -> String = {
      $0.allSatisfy(\.isWhitespace) ? $0 : String($0.dropFirst(indent))
    }
    return (mapLines(block.0, strip), mapLines(block.1, strip))
  }

  static func curl(_ text: String) -> String {
    var open = true
    return String(
      text.map { character -> Character in
        switch character {
        case "\"":
          defer { open.toggle() }
          return open ? "\u{201C}" : "\u{201D}"
        case "'": return "\u{2019}"
        default: return character
        }
      })
  }

  static func dropContext(_ block: (String, String)) -> (String, String) {
    let old = lines(block.0)
    let new = lines(block.1)
    var head = 0
    while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
    var tail = 0
    while tail < old.count - head, tail < new.count - head,
      old[old.count - 1 - tail] == new[new.count - 1 - tail]
    {
      tail += 1
    }
    // Keep one line of context when the change only adds lines, so the block has a quote.
    if head == old.count - tail { head = max(0, head - 1) }
    let search = old[head..<old.count - tail].map { $0 + "\n" }.joined()
    let replacement = new[head..<new.count - tail].map { $0 + "\n" }.joined()
    return (search, replacement)
  }

  /// The blocks with one kept context line (the first non-blank one of the first block that has
  /// one) misspelt in both search and replacement, as a model that copies carelessly would.
  static func misquote(_ blocks: [(String, String)]) -> [(String, String)]? {
    for (index, block) in blocks.enumerated() {
      let old = lines(block.0)
      let new = lines(block.1)
      guard let line = old.first(where: { $0.count > 8 && new.contains($0) }) else { continue }
      var characters = Array(line)
      let at = characters.lastIndex(where: { $0.isLetter }) ?? (characters.count - 1)
      characters.remove(at: at)
      let typo = String(characters)
      var result = blocks
      result[index] = (
        mapLines(block.0) { $0 == line ? typo : $0 }, mapLines(block.1) { $0 == line ? typo : $0 }
      )
      return result
    }
    return nil
  }

  /// A non-blank line that occurs at least twice in `text`.
  static func duplicatedLine(in text: String) -> String? {
    var seen = Set<String>()
    for line in lines(text) where line.trimmingCharacters(in: .whitespaces).count > 3 {
      if !seen.insert(line).inserted { return line }
    }
    return nil
  }
}
