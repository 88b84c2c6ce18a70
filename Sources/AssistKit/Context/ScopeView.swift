/// What a sub-agent is shown of the files it may change: the whole files while they fit the
/// budget, else a ``Slice`` around the places in each file (a file with no place in it shows its
/// outline). The router measures fit on the same view, so a large file is never the reason no
/// tier can work.
package struct ScopeView: Sendable {
  /// Files shown whole.
  package var wholeFiles: [String]
  /// Files shown as slices.
  package var slices: [Slice]
  /// The prompt section.
  package var text: String
  /// Files or parts left out, by name (also stated in ``text``).
  package var notShown: [String]

  /// Estimated tokens of ``text``.
  package var tokens: Int { RepoContext.estimatedTokens(text) }

  /// Whether the view cuts any file (edits must then be mapped back through the slices).
  package var isSliced: Bool { !slices.isEmpty }

  /// Tokens the view may take in a prompt for a tier of `window` tokens whose replies may take
  /// `maxTokens`: two thirds of what is left after the reply and the prompt's fixed text.
  package static func budget(window: Int, maxTokens: Int) -> Int {
    max((window - maxTokens - 600) * 2 / 3, 256)
  }

  /// The view of `scope` under `budget` tokens.
  /// - Parameters:
  ///   - context: The files and index (with any earlier sub-tasks' changes applied).
  ///   - scope: The files the sub-task may change.
  ///   - places: Localized places, best first.
  ///   - budget: Tokens for the whole view.
  ///   - padding: Extra lines around each slice's region (a wider slice after a miss).
  ///   - evidence: What a window of a definition too large to show whole is centred on.
  package static func make(
    context: RepoContext, scope: [String], places: [Place], budget: Int, padding: Int = 0,
    evidence: SliceEvidence = .none
  ) -> ScopeView {
    let whole = context.render(files: scope, budget: budget)
    if whole.omitted.filter({ context.files[$0] != nil }).isEmpty {
      return ScopeView(wholeFiles: scope, slices: [], text: whole.text, notShown: whole.omitted)
    }
    let builder = SliceBuilder(context: context)
    let share = max(budget / max(scope.count, 1), 256)
    var view = ScopeView(wholeFiles: [], slices: [], text: "", notShown: [])
    var blocks: [String] = []
    for path in scope {
      guard let content = context.files[path] else {
        view.notShown.append(path)
        continue
      }
      var focus = places.filter { $0.path == path }.compactMap { context.definition(of: $0) }
      if focus.isEmpty, RepoContext.estimatedTokens(content) <= share {
        blocks.append(context.render(files: [path], budget: share).text)
        view.wholeFiles.append(path)
        continue
      }
      // No place in a large file (a test to add, a flag to register): its last top-level
      // definition, where new code usually goes, with the imports, so an edit has lines to
      // anchor on and an example to follow.
      if focus.isEmpty, let last = context.index.outline(path).last(where: { $0.scope == nil }) {
        focus = [last]
      }
      if focus.isEmpty {
        let names = context.index.outline(path).map { "\($0.name) \($0.startLine)–\($0.endLine)" }
        blocks.append(
          "\(path): not shown in full (no place chosen in it); outline: "
            + names.joined(separator: ", "))
        view.notShown.append("\(path) (outline only)")
        continue
      }
      guard
        var slice = builder.slice(
          path: path, focus: focus, budget: share, padding: padding, evidence: evidence)
      else { continue }
      // Places far apart make a region too large: the best one alone, the others named.
      if slice.tokens > share, focus.count > 1,
        let best = builder.slice(
          path: path, focus: [focus[0]], budget: share, padding: padding, evidence: evidence)
      {
        slice = best
        slice.notShown += focus.dropFirst().map {
          "\($0.name) (lines \($0.startLine)–\($0.endLine))"
        }
        slice.text += "\nnot shown: " + focus.dropFirst().map(\.name).joined(separator: ", ")
      }
      blocks.append(slice.text)
      view.slices.append(slice)
      view.notShown += slice.notShown
    }
    view.text = blocks.joined(separator: "\n\n")
    return view
  }
}
