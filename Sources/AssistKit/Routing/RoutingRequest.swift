/// What the router needs to know about one sub-task: cheap signals only, no model call.
package struct RoutingRequest: Sendable, Equatable, Codable {
  /// Hints an agent definition gives the router.
  package struct Hints: Sendable, Equatable, Codable {
    /// Start on this tier when it can take the sub-task (overrides kind and difficulty floors).
    package var preferTier: String?
    /// Never run below this tier.
    package var minTier: String?

    /// Creates hints.
    package init(preferTier: String? = nil, minTier: String? = nil) {
      self.preferTier = preferTier
      self.minTier = minTier
    }
  }

  /// The sub-task kind: `design`, `migration`, `analysis`, `rename`, `boilerplate`, …
  package var kind: String
  /// The planner's difficulty, 1 (trivial) to 5 (hard).
  package var difficulty: Int
  /// Files in scope.
  package var files: Int
  /// Lines in scope (of the files the sub-agent reads).
  package var lines: Int
  /// The estimated prompt size in tokens.
  package var promptTokens: Int
  /// The call's generation limit.
  package var maxTokens: Int
  /// Whether the edit must get identifiers exactly right, whatever its kind.
  package var identifierSensitive: Bool
  /// The edit format the sub-agent will ask for, if known (history is kept per format too).
  package var editFormat: String?
  /// The agent's hints.
  package var hints: Hints
  /// The change's action (``ChangeIntent/Action``) when the plan states one.
  package var work: String?

  /// Creates a request.
  /// - Parameters:
  ///   - kind: The sub-task kind.
  ///   - difficulty: 1…5 (clamped).
  ///   - files: Files in scope.
  ///   - lines: Lines in scope.
  ///   - promptTokens: The estimated prompt size.
  ///   - maxTokens: The generation limit.
  ///   - identifierSensitive: Whether identifiers must be exact.
  ///   - editFormat: The edit format, if known.
  ///   - hints: The agent's hints.
  package init(
    kind: String, difficulty: Int = 1, files: Int = 1, lines: Int = 0, promptTokens: Int = 0,
    maxTokens: Int = 1024, identifierSensitive: Bool = false, editFormat: String? = nil,
    hints: Hints = .init(), work: String? = nil
  ) {
    self.kind = kind
    self.difficulty = min(max(difficulty, 1), 5)
    self.files = files
    self.lines = lines
    self.promptTokens = promptTokens
    self.maxTokens = maxTokens
    self.identifierSensitive = identifierSensitive
    self.editFormat = editFormat
    self.hints = hints
    self.work = work
  }

  /// Reads a planner's difficulty: `1`…`5`, or `low` (1), `medium` (3), `high` (5).
  /// - Returns: `nil` for anything else.
  package static func difficulty(from text: String) -> Int? {
    switch text.lowercased() {
    case "low", "easy": 1
    case "medium": 3
    case "high", "hard": 5
    default: Int(text).flatMap { (1...5).contains($0) ? $0 : nil }
    }
  }

  /// What history and priors key this request's work by: the change action, else the kind.
  package var workKey: String { work ?? kind }

  /// Prompt plus generation: what must fit in a tier's context window.
  package var contextTokens: Int { promptTokens + maxTokens }
}
