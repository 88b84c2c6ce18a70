internal import Foundation

/// Turns a planner's reply into a valid ``Plan`` or a precise reason it is not one.
package enum PlanParser {
  /// The JSON schema the planner's reply must follow (also sent as `response_format`, so servers
  /// that constrain decoding, such as llama.cpp, cannot produce anything else).
  package static let schema = """
    {"type":"object","required":["subtasks"],"additionalProperties":false,"properties":{"subtasks":{"type":"array","minItems":1,"maxItems":6,"items":{"type":"object","required":["id","kind","goal","files","depends_on","difficulty","action","symbols"],"additionalProperties":false,"properties":{"id":{"type":"string"},"kind":{"type":"string","enum":["design","migration","analysis"]},"goal":{"type":"string"},"files":{"type":"array","items":{"type":"string"}},"depends_on":{"type":"array","items":{"type":"string"}},"difficulty":{"type":"integer","minimum":1,"maximum":5},"action":{"type":"string","enum":["fix","feature","rename","signature","move","exception","replace_api","refactor","question"]},"symbols":{"type":"array","items":{"type":"string"}},"from":{"type":"string"},"to":{"type":"string"}}}}}}
    """

  /// Parses and validates `reply`.
  /// - Parameters:
  ///   - reply: The model's text (a JSON object, possibly inside a code fence).
  ///   - files: Every path in the repository.
  /// - Returns: The sub-tasks.
  /// - Throws: ``PlanError`` saying exactly what is wrong, for the planner's retry.
  package static func parse(_ reply: String, files: Set<String>) throws -> [Subtask] {
    let json = extractJSON(reply)
    guard let data = json.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { throw PlanError.notJSON(snippet: String(reply.prefix(120))) }
    guard let items = object["subtasks"] as? [[String: Any]], !items.isEmpty else {
      throw PlanError.invalid("the object needs a non-empty \"subtasks\" array")
    }
    guard items.count <= 6 else {
      throw PlanError.invalid("at most 6 sub-tasks, got \(items.count)")
    }
    var subtasks: [Subtask] = []
    for (index, item) in items.enumerated() {
      let label = "sub-task \(index + 1)"
      guard let id = item["id"] as? String, !id.isEmpty else {
        throw PlanError.invalid("\(label) needs an \"id\" string")
      }
      guard let kindText = item["kind"] as? String else {
        throw PlanError.invalid("\(id) needs a \"kind\"")
      }
      guard let kind = AgentDefinition.Kind(rawValue: kindText),
        [.design, .migration, .analysis].contains(kind)
      else {
        throw PlanError.invalid(
          "\(id) has unknown kind \"\(kindText)\"; use design, migration or analysis")
      }
      guard let goal = item["goal"] as? String, !goal.trimmingCharacters(in: .whitespaces).isEmpty
      else {
        throw PlanError.invalid("\(id) needs a non-empty \"goal\"")
      }
      let paths = (item["files"] as? [String]) ?? []
      for path in paths where !files.contains(path) {
        throw PlanError.invalid("\(id) names \"\(path)\", which is not a file in the repository")
      }
      let dependsOn = (item["depends_on"] as? [String]) ?? []
      let difficulty = (item["difficulty"] as? Int) ?? 2
      guard (1...5).contains(difficulty) else {
        throw PlanError.invalid("\(id) difficulty must be 1 to 5")
      }
      guard !subtasks.contains(where: { $0.id == id }) else {
        throw PlanError.invalid("the id \"\(id)\" is used twice")
      }
      subtasks.append(
        Subtask(
          id: id, kind: kind, goal: goal, files: paths, dependsOn: dependsOn,
          difficulty: difficulty, intent: try ChangeIntent.parse(item, id: id)))
    }
    try validateGraph(subtasks)
    return subtasks
  }

  /// Checks dependencies exist and form no cycle.
  /// - Throws: ``PlanError/invalid(_:)`` naming the bad dependency or the cycle.
  package static func validateGraph(_ subtasks: [Subtask]) throws {
    let ids = Set(subtasks.map(\.id))
    for subtask in subtasks {
      for dependency in subtask.dependsOn where !ids.contains(dependency) {
        throw PlanError.invalid(
          "\(subtask.id) depends on \"\(dependency)\", which is not a sub-task")
      }
      if subtask.dependsOn.contains(subtask.id) {
        throw PlanError.invalid("\(subtask.id) depends on itself")
      }
    }
    let plan = Plan(subtasks: subtasks, origin: .planner)
    if plan.topologicalOrder.count < subtasks.count {
      let stuck = Set(subtasks.map(\.id)).subtracting(plan.topologicalOrder.map(\.id)).sorted()
      throw PlanError.invalid("depends_on forms a cycle among \(stuck.joined(separator: ", "))")
    }
  }

  /// The outermost JSON object in `text`, ignoring code fences and prose around it.
  static func extractJSON(_ text: String) -> String {
    guard let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}"), open < close
    else {
      return text
    }
    return String(text[open...close])
  }
}

/// Why a planner's reply is not a usable plan.
package enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Not a JSON object.
  case notJSON(snippet: String)
  /// JSON, but not a valid plan.
  case invalid(String)

  package var description: String {
    switch self {
    case .notJSON(let snippet): "the reply is not a JSON object (it starts: \(snippet))"
    case .invalid(let reason): reason
    }
  }
}
