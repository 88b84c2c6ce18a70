/// The decomposition of a task: sub-tasks for design, migration and analysis agents, as a DAG.
package struct Plan: Sendable, Equatable, Codable {
  /// How the plan came about, so the run can say so.
  package enum Origin: String, Sendable, Codable {
    /// The planner's first answer was valid.
    case planner
    /// The planner's second answer, after it was shown what was wrong with the first.
    case plannerRetry = "planner-retry"
    /// Both answers were unusable; one sub-task does the whole task.
    case fallback
    /// The user asked for `--single-agent`.
    case singleAgent = "single-agent"
    /// The task's intent matched a pattern in `share/task-intents.yaml` and its sites were found
    /// by tool: no planner call.
    case tool
    /// The task names one file and everything it names lives there: one agent, no planner call.
    case oneFile = "one-file"
  }

  /// The sub-tasks, in the planner's order.
  package var subtasks: [Subtask]
  /// How the plan was made.
  package var origin: Origin
  /// Why the planner's answers were rejected, when they were.
  package var rejections: [String]
  /// The decision every part of a multi-file change shares, when the plan has one.
  package var contract: Contract?

  /// Creates a plan.
  package init(subtasks: [Subtask], origin: Origin, rejections: [String] = []) {
    self.subtasks = subtasks
    self.origin = origin
    self.rejections = rejections
  }

  /// The sub-task with `id`.
  package func subtask(_ id: String) -> Subtask? { subtasks.first { $0.id == id } }

  /// Sub-tasks in an order where each comes after everything it depends on.
  package var topologicalOrder: [Subtask] {
    var done: Set<String> = []
    var order: [Subtask] = []
    while order.count < subtasks.count {
      let ready = subtasks.filter {
        !done.contains($0.id) && $0.dependsOn.allSatisfy(done.contains)
      }
      guard !ready.isEmpty else { break }  // a cycle; validation rejects these
      for subtask in ready {
        done.insert(subtask.id)
        order.append(subtask)
      }
    }
    return order
  }

  /// The length of the longest dependency chain, in sub-tasks.
  package var depth: Int {
    var depth: [String: Int] = [:]
    for subtask in topologicalOrder {
      depth[subtask.id] = 1 + (subtask.dependsOn.compactMap { depth[$0] }.max() ?? 0)
    }
    return depth.values.max() ?? 0
  }
}

/// One unit of work for one agent.
package struct Subtask: Sendable, Equatable, Codable, Identifiable {
  /// Unique within the plan (`s1`).
  package var id: String
  /// Which kind of agent does it.
  package var kind: AgentDefinition.Kind
  /// What to do, concretely.
  package var goal: String
  /// Repository paths in scope.
  package var files: [String]
  /// Sub-tasks that must finish first.
  package var dependsOn: [String]
  /// 1 (trivial) to 5 (hard architecture).
  package var difficulty: Int
  /// What the sub-task changes, when the planner said so (typed: fix, rename, …).
  package var intent: ChangeIntent?

  /// Creates a sub-task.
  package init(
    id: String, kind: AgentDefinition.Kind, goal: String, files: [String], dependsOn: [String] = [],
    difficulty: Int = 2, intent: ChangeIntent? = nil
  ) {
    self.id = id
    self.kind = kind
    self.goal = goal
    self.files = files
    self.dependsOn = dependsOn
    self.difficulty = difficulty
    self.intent = intent
  }

  enum CodingKeys: String, CodingKey {
    case id, kind, goal, files
    case dependsOn = "depends_on"
    case difficulty
    case intent = "change"
  }
}
