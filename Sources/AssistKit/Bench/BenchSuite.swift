internal import Foundation

/// A bench suite: the `examples/` folder, where each `<name>/` holds `repo/` and `tasks.yaml`.
package struct BenchSuite: Sendable, Equatable {
  /// One task of one example.
  package struct Task: Sendable, Equatable, Codable {
    /// The example's folder name.
    package var example: String
    /// The task id, unique within the example.
    package var id: String
    /// `bugfix`, `boilerplate`, `migration`, `design`, `analysis`.
    package var category: String
    /// What `assist task` is asked.
    package var text: String
    /// The acceptance check, run by `/bin/sh -c` in the repository after landing.
    package var check: String
    /// Analysis tasks: words every one of which must appear in the findings.
    package var expectInFindings: [String]
    /// The example's `repo/` folder.
    package var repository: String

    /// `example/id`, how the bench names a task.
    package var name: String { example + "/" + id }
  }

  /// The suite's folder.
  package var folder: String
  /// Every task, by example then file order.
  package var tasks: [Task]

  /// Loads every `<folder>/*/tasks.yaml`.
  /// - Throws: ``ConfigError`` for a malformed file; a missing folder.
  package init(folder: String) throws {
    self.folder = folder
    var tasks: [Task] = []
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    for name in names {
      let file = folder + "/" + name + "/tasks.yaml"
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
      var root = try YAMLReader(
        try YAMLValue.parse(text, file: file), file: file, context: "tasks.yaml")
      guard case .sequence(let items, _)? = root.value("tasks") else {
        throw root.error("tasks", "tasks must be a list")
      }
      for item in items {
        var fields = try YAMLReader(item, file: file, context: "a task")
        tasks.append(
          Task(
            example: name, id: try fields.requiredString("id"),
            category: try fields.string("category") ?? "other",
            text: try fields.requiredString("text"), check: try fields.requiredString("check"),
            expectInFindings: try fields.strings("expect_in_findings") ?? [],
            repository: folder + "/" + name + "/repo"))
      }
    }
    self.tasks = tasks
  }

  /// The tasks named by `names` (`id` or `example/id`); all of them when `names` is empty.
  /// - Throws: ``BenchError/unknownTask(_:)``.
  package func select(_ names: [String]) throws -> [Task] {
    guard !names.isEmpty else { return tasks }
    return try names.map { name in
      guard let task = tasks.first(where: { $0.name == name || $0.id == name }) else {
        throw BenchError.unknownTask(name)
      }
      return task
    }
  }
}

/// Why the bench cannot run.
package enum BenchError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No task with that name.
  case unknownTask(String)
  /// The temporary repository could not be made.
  case setup(String)
  /// A results file that does not decode.
  case badResults(String)

  package var description: String {
    switch self {
    case .unknownTask(let name): "no task '\(name)' in the suite (use id or example/id)"
    case .setup(let detail): "cannot prepare the bench repository: \(detail)"
    case .badResults(let detail): "cannot read bench results: \(detail)"
    }
  }
}
