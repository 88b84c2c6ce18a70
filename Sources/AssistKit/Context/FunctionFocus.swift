/// Whether a sub-task is about one function, so a free tier can be shown just that function
/// (``FunctionFormat``) instead of whole files.
///
/// It is, when the task asks for a fix and it and the goal name (same spelling, same case) exactly
/// one function defined in the sub-task's non-test files, a function that is a part of its file,
/// not all of it. Tasks that name several functions (renames, cache-and-invalidate), none (add a
/// method) or that add features keep the whole-file formats.
package enum FunctionFocus {
  /// Samples beyond `--reflections` on the first tier of the ladder: a focused call to the 0.5B
  /// costs a few hundred tokens and it gets a named ten-line fix right often enough to try more.
  package static let extraSamples = 2
  /// Longest function shown on its own; longer ones go whole-file.
  package static let maxLines = 80

  /// Whether focus may be used at all: an editing sub-task whose agent leaves the format to us
  /// (`auto`). Free tiers only; the caller checks the tier.
  package static func allowed(kind: AgentDefinition.Kind, agent: AgentDefinition) -> Bool {
    kind != .analysis && ["auto", nil].contains(agent.editFormat)
  }

  /// The focused format, or `nil` when the sub-task is not about exactly one function.
  /// - Parameters:
  ///   - text: The task and the sub-task goal.
  ///   - scope: The files the sub-task may change.
  ///   - files: Their current contents (nil = deleted).
  ///   - isTest: Whether a path is a test file (tests are the judge, not the target).
  package static func choose(
    text: String, scope: [String], files: [String: String?], isTest: (String) -> Bool
  ) -> FunctionFormat? {
    guard asksForFix(text) else { return nil }
    let found = definitions(
      named: identifiers(in: text), scope: scope, files: files, isTest: isTest)
    if found.count == 1 { return found[0] }
    // "Fix median in stats.c: … the mean of …": the function right after "fix" is the target,
    // the others are English words that happen to name functions too.
    let words = text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
    guard let fix = words.firstIndex(where: { $0.lowercased() == "fix" }) else { return nil }
    let after = Array(words[(fix + 1)...].prefix(4))
    // "Fix Cart.total in …" names the function second; "Fix clamp and tail" names two.
    guard
      let index = after.prefix(2).firstIndex(where: { name in
        found.contains { $0.extent.name == name }
      }),
      !["and", "or"].contains(index + 1 < after.count ? after[index + 1] : "")
    else { return nil }
    return found.first { $0.extent.name == after[index] }
  }

  /// The focus a failing test points at, for a fix that names no function ("make the tests
  /// pass"): the one function of the sub-task's files that the failing assertions call.
  /// - Parameters:
  ///   - failure: The baseline's failing assertions (``CandidateVerifying/baselineFailure``).
  ///   - scope, files, isTest: As for ``choose(text:scope:files:isTest:)``.
  package static func choose(
    failure: String, scope: [String], files: [String: String?], isTest: (String) -> Bool
  ) -> FunctionFormat? {
    let found = definitions(
      named: identifiers(in: failure), scope: scope, files: files, isTest: isTest)
    return found.count == 1 ? found[0] : nil
  }

  private static func identifiers(in text: String) -> Set<String> {
    Set(
      text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init).filter {
        $0.count >= 3 && !($0.first?.isNumber ?? true)
      })
  }

  /// The functions named in `names` that are defined, once, in the non-test files of `scope`,
  /// short enough to show alone and at most half of their file.
  private static func definitions(
    named names: Set<String>, scope: [String], files: [String: String?],
    isTest: (String) -> Bool
  ) -> [FunctionFormat] {
    var found: [FunctionFormat] = []
    for path in scope where !isTest(path) {
      guard let content = files[path] ?? nil else { continue }
      let lineCount = content.split(separator: "\n", omittingEmptySubsequences: false).count
      for name in names.sorted() {
        guard let extent = SymbolExtent.find(name, in: content, path: path),
          extent.lines.count <= maxLines, extent.lines.count * 2 <= lineCount
        else { continue }
        found.append(FunctionFormat(path: path, extent: extent, content: content))
      }
    }
    return found
  }

  /// Whether `text` asks to fix something (a bug, a failing test) rather than to add or change.
  package static func asksForFix(_ text: String) -> Bool {
    let words = Set(text.lowercased().split { !$0.isLetter }.map(String.init))
    return !words.isDisjoint(with: [
      "fix", "fixes", "bug", "bugs", "fails", "failing", "broken", "wrong", "incorrect",
    ])
  }
}
