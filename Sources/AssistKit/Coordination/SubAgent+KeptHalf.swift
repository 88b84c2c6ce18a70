/// Progress kept across the rounds of a fix that spans several functions. When a candidate that
/// rewrites two or more of the focused functions fails the tests, each rewritten function is tried
/// alone against the failing tests about it; one that makes them pass and breaks nothing is kept,
/// and the next round asks only for the others. A small model often gets one function of two
/// right; without this the right half was thrown away with the wrong one.
extension SubAgent {
  /// The functions kept from a failed candidate and what is left to ask for.
  struct KeptHalf {
    /// Names of the functions kept, in focus order.
    var kept: [String]
    /// The kept functions' files (old: the content the round started from).
    var changes: [EditApplier.FileChange]
    /// The functions still to fix, over the files with the kept ones in place.
    var remaining: FunctionFormat
  }

  /// The functions of `reply` that pass their own tests alone, or `nil` when none does or every
  /// focused function would be kept (then the candidate as a whole failed for another reason).
  /// - Parameter others: Changes to other files the candidate is verified on top of (earlier
  ///   sub-tasks' results).
  func keepHalf(
    of reply: String, focus: FunctionFormat, others: [EditApplier.FileChange]
  ) async -> KeptHalf? {
    guard focus.targets.count > 1, let verifier else { return nil }
    var passing: [FunctionFormat.Target] = []
    for target in focus.targets {
      let alone = FunctionFormat(path: target.path, extent: target.extent, content: target.content)
      guard let judge = verifier.judging(only: [target.extent.name]),
        let edit = try? alone.parse(reply: reply, defaultPath: nil).first,
        case .write(let new) = edit.change, new != target.content
      else { continue }
      let change = EditApplier.FileChange(path: target.path, old: target.content, new: new)
      let verdict = await judge.verify(
        changes: others.filter { $0.path != target.path } + [change])
      if case .passed = verdict { passing.append(target) }
    }
    guard !passing.isEmpty, passing.count < focus.targets.count,
      let keptFormat = FunctionFormat(targets: passing),
      let edits = try? keptFormat.parse(reply: reply, defaultPath: nil)
    else { return nil }
    var contents: [String: String] = [:]
    var changes: [EditApplier.FileChange] = []
    for edit in edits {
      // The change starts where the file's earlier change did (the base), else from the content.
      guard case .write(let new) = edit.change,
        let old = others.first(where: { $0.path == edit.path })?.old
          ?? passing.first(where: { $0.path == edit.path })?.content
      else { return nil }
      contents[edit.path] = new
      changes.append(EditApplier.FileChange(path: edit.path, old: old, new: new))
    }
    let keptNames = Set(passing.map(\.extent.name))
    var remaining: [FunctionFormat.Target] = []
    for target in focus.targets where !keptNames.contains(target.extent.name) {
      let content = contents[target.path] ?? target.content
      // The kept functions may have moved this one's lines: find it again by name, nearest.
      guard
        let extent = SymbolExtent.all(target.extent.name, in: content, path: target.path).min(by: {
          abs($0.lines.lowerBound - target.extent.lines.lowerBound)
            < abs($1.lines.lowerBound - target.extent.lines.lowerBound)
        })
      else { return nil }
      remaining.append(FunctionFormat.Target(path: target.path, extent: extent, content: content))
    }
    guard var format = FunctionFormat(targets: remaining) else { return nil }
    format.fixes = focus.fixes
    return KeptHalf(kept: passing.map(\.extent.name), changes: changes, remaining: format)
  }
}
