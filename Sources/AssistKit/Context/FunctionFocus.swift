/// Whether a sub-task is about named functions, so a free tier can be shown just those
/// (``FunctionFormat``) instead of whole files or slices.
///
/// It is, when the best place in the sub-task's non-test files is a function whose text fits
/// ``maxTokens`` (whatever share of its file that is) and the plan says the sub-task is a fix,
/// localization is decisive, or the task names that function as code. When the task names two or
/// three functions and the best place is one of them, all of them are shown. Which functions
/// come from the index and the localizer; the task's words only confirm a name.
package enum FunctionFocus {
  /// Samples beyond `--reflections` on the first tier of the ladder: a focused call to the 0.5B
  /// costs a few hundred tokens and it gets a named ten-line fix right often enough to try more.
  package static let extraSamples = 2
  /// Largest function shown on its own, in estimated tokens; larger ones are sliced.
  package static let maxTokens = 1_500
  /// Most functions shown together, and their largest total in estimated tokens.
  package static let maxFunctions = 3
  package static let maxTotalTokens = 2_400

  /// The names a task or plan gives as code: words shaped like code in the task (`args2cmd`,
  /// `Cart.total`, `parse()`), by their last part, and the plan's symbols.
  package static func named(task: String, intent: ChangeIntent?) -> Set<String> {
    let words = Localizer.codeShaped(in: task).union(intent?.symbols ?? [])
    return Set(words.compactMap { $0.split(separator: ".").last.map(String.init) })
  }

  /// Whether focus may be used at all: an editing sub-task whose agent leaves the format to us
  /// (`auto`). Free tiers only; the caller checks the tier.
  package static func allowed(kind: AgentDefinition.Kind, agent: AgentDefinition) -> Bool {
    kind != .analysis && ["auto", nil].contains(agent.editFormat)
  }

  /// The focused format, or `nil` when the sub-task is not about named functions.
  /// - Parameters:
  ///   - places: The localizer's places for the sub-task, best first.
  ///   - isFix: Whether the plan's intent says the sub-task is a fix.
  ///   - named: The names the task gives as code (``named(task:intent:)``).
  ///   - scope: The files the sub-task may change.
  ///   - files: Their current contents (nil = deleted).
  ///   - isTest: Whether a path is a test file (tests are the judge, not the target).
  package static func choose(
    places: [Place], isFix: Bool, named: Set<String> = [], scope: [String],
    files: [String: String?], isTest: (String) -> Bool
  ) -> FunctionFormat? {
    let candidates = places.filter {
      scope.contains($0.path) && !isTest($0.path) && !$0.symbol.isEmpty
    }
    guard let top = candidates.first, let content = files[top.path] ?? nil,
      let best = focus(top.symbol, near: top.startLine, path: top.path, content: content)
    else { return nil }
    let topNamed = named.contains(top.symbol)
    if topNamed, let together = together(best, candidates: candidates, named: named, files: files) {
      return together
    }
    return isFix || topNamed || Localizer.isDecisive(candidates) ? best : nil
  }

  /// `best` and the other functions the task names among `candidates`, when there are any and
  /// they fit together.
  private static func together(
    _ best: FunctionFormat, candidates: [Place], named: Set<String>, files: [String: String?]
  ) -> FunctionFormat? {
    var targets = best.targets
    for place in candidates.dropFirst() where named.contains(place.symbol) {
      guard targets.count < maxFunctions,
        !targets.contains(where: { $0.extent.name == place.symbol }),
        let content = files[place.path] ?? nil,
        let other = focus(place.symbol, near: place.startLine, path: place.path, content: content)
      else { continue }
      targets += other.targets
    }
    let tokens = targets.reduce(0) { $0 + RepoContext.estimatedTokens($1.shown) }
    guard targets.count > 1, tokens <= maxTotalTokens else { return nil }
    return FunctionFormat(targets: targets)
  }

  /// The focus a failing test points at, for a fix that names no function ("make the tests
  /// pass"): the one function of the sub-task's files that the failing assertions call.
  /// - Parameters:
  ///   - failure: The baseline's failing assertions (``CandidateVerifying/baselineFailure``).
  ///   - scope, files, isTest: As for ``choose(places:isFix:scope:files:isTest:)``.
  package static func choose(
    failure: String, scope: [String], files: [String: String?], isTest: (String) -> Bool
  ) -> FunctionFormat? {
    let names = Set(
      failure.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init).filter {
        $0.count >= 3 && !($0.first?.isNumber ?? true)
      })
    var found: [FunctionFormat] = []
    for path in scope where !isTest(path) {
      guard let content = files[path] ?? nil else { continue }
      for name in names.sorted() {
        guard let extent = SymbolExtent.find(name, in: content, path: path),
          fitsAlone(extent, in: content, path: path)
        else { continue }
        found.append(FunctionFormat(path: path, extent: extent, content: content))
      }
    }
    return found.count == 1 ? found[0] : nil
  }

  /// The function `name` of `content` nearest line `line` (1-based), if it fits alone.
  static func focus(_ name: String, near line: Int, path: String, content: String)
    -> FunctionFormat?
  {
    let extents = SymbolExtent.all(name, in: content, path: path)
    guard
      let extent = extents.min(by: {
        abs($0.lines.lowerBound + 1 - line) < abs($1.lines.lowerBound + 1 - line)
      }), fitsAlone(extent, in: content, path: path)
    else { return nil }
    return FunctionFormat(path: path, extent: extent, content: content)
  }

  /// Whether a focused function's text fits `budget` tokens (a tier's ``ScopeView/budget(window:maxTokens:)``);
  /// one that does not is shown as a windowed slice with SEARCH/REPLACE instead.
  package static func fits(_ focus: FunctionFormat, budget: Int) -> Bool {
    RepoContext.estimatedTokens(focus.shown) <= budget
  }

  /// Whether the function at `extent` is small enough (``maxTokens``) to be shown alone, as shown
  /// (a long docstring collapsed).
  package static func fitsAlone(_ extent: SymbolExtent, in content: String, path: String) -> Bool {
    RepoContext.estimatedTokens(
      FunctionFormat.Target(path: path, extent: extent, content: content).shown)
      <= maxTokens
  }
}
