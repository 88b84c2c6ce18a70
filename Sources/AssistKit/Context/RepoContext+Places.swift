extension RepoContext {
  /// The places a (sub-)task is about, best first (``Localizer``).
  /// - Parameters:
  ///   - task: The user's task, verbatim.
  ///   - goal: The sub-task's goal, when there is one.
  ///   - symbols: The plan's intent symbols.
  ///   - files: Files the sub-task names; places inside them come first when there are any.
  ///   - failure: Failing tests' output, if known.
  ///   - limit: How many places.
  package func places(
    task: String, goal: String = "", symbols: [String] = [], files named: [String] = [],
    failure: String? = nil, limit: Int = 5
  ) -> [Place] {
    let localizer = Localizer(index: index, files: files, references: references)
    let found = localizer.places(
      for: .init(
        task: goal.isEmpty ? task : task + "\n" + goal, symbols: symbols, failure: failure),
      limit: limit * 2)
    let inside = found.filter { named.contains($0.path) }
    let ordered = inside.isEmpty ? found : inside + found.filter { !named.contains($0.path) }
    return Array(ordered.prefix(limit))
  }

  /// The definition a place stands for, if the index has it.
  package func definition(of place: Place) -> Definition? {
    index.outline(place.path).first {
      $0.name == place.symbol && $0.startLine == place.startLine && $0.endLine == place.endLine
    }
  }
}
