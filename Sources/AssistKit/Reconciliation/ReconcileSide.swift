/// One sub-task's contribution as the reconciler sees it: what it was given and what it wrote.
struct ReconcileSide: Sendable {
  /// The result.
  var result: SubtaskResult
  /// Position in dependency order.
  var order: Int
  /// Every file it changed → the content its dependencies handed it (the base otherwise).
  var given: [String: String?]
  /// Every file it changed → its version (`nil` deletes the file).
  var versions: [String: String?]
  /// The files it changed itself (its version differs from what it was given), sorted.
  var edited: [String]
  /// Every sub-task it depends on, transitively.
  var ancestors: Set<String>

  /// The sub-task id.
  var id: String { result.subtask.id }
  /// The agent kind.
  var kind: String { result.subtask.kind.rawValue }
  /// The agent's name.
  var agent: String { result.agent }

  /// Builds the sides of `results` (already in dependency order).
  static func sides(
    of results: [SubtaskResult], ancestors: [String: Set<String>], base: [String: String?]
  ) -> [ReconcileSide] {
    var byID: [String: SubtaskResult] = [:]
    for result in results { byID[result.subtask.id] = result }
    return results.enumerated().map { order, result in
      let dependencies = result.subtask.dependsOn.compactMap { byID[$0] }
      var handed: [String: String?] = [:]
      for change in Coordinator.composedChanges(of: dependencies) {
        handed[change.path] = .some(change.new)
      }
      var given: [String: String?] = [:]
      var versions: [String: String?] = [:]
      var edited: [String] = []
      if result.status == .accepted {
        for change in result.changes {
          let start: String? = handed[change.path] ?? base[change.path] ?? change.old
          given[change.path] = .some(start)
          versions[change.path] = .some(change.new)
          if start != change.new { edited.append(change.path) }
        }
      }
      return ReconcileSide(
        result: result, order: order, given: given, versions: versions, edited: edited.sorted(),
        ancestors: ancestors[result.subtask.id] ?? [])
    }
  }

  /// Whether one of the two builds on the other.
  func related(to other: ReconcileSide) -> Bool {
    ancestors.contains(other.id) || other.ancestors.contains(id)
  }
}
