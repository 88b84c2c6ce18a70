/// The one renderer of a sub-agent's prompt (system prompt and user prompt), used both by the
/// sub-agent when it calls a model and by routing when it measures whether a tier's window fits,
/// so the size routing measures is the size that is sent.
struct SubtaskPrompt: Sendable {
  /// What the first round on a tier shows: the scope, the focus, the view and the format.
  struct Shape: Sendable {
    /// The files the sub-task may change.
    var scope: [String]
    /// The files as this sub-task starts from them (nil = deleted).
    var current: [String: String?]
    /// The one function the tier is shown alone, when there is one (``FunctionFocus``).
    var focus: FunctionFormat?
    /// What the prompt shows of the scope.
    var view: ScopeView
    /// The edit format's name (`nil` for analysis).
    var formatName: String?
    /// The edit format (`nil` for analysis, or an agent naming an unknown format).
    var format: (any EditFormat)?
  }

  /// Tokens routing adds to the first prompt for what reflection rounds append (feedback and the
  /// last answer are trimmed to fit by ``ReflectionHistory``; this keeps the first round clear of
  /// the window's edge).
  static let reflectionReserve = 450

  /// The sub-agent's inputs.
  var inputs: SubAgent.Inputs
  /// The prompt templates.
  var prompts: PromptLibrary
  /// Chooses the edit format per tier.
  var formatChoice: EditFormatChoice

  /// The files as this sub-task starts from them: the base, plus its dependencies' changes.
  var current: [String: String?] {
    var files: [String: String?] = inputs.context.files.mapValues { Optional($0) }
    for change in inputs.dependencyChanges { files[change.path] = change.new }
    return files
  }

  /// The context with ``current`` applied.
  private var context: RepoContext {
    var context = inputs.context
    for (path, content) in current { context.files[path] = content ?? nil }
    return context
  }

  /// The files the sub-task may change (``RepoContext/editScope(named:goal:task:fixingTests:places:)``).
  func scope(fixingTests: Bool) -> [String] {
    inputs.context.editScope(
      named: inputs.subtask.files, goal: inputs.subtask.goal, task: inputs.task,
      fixingTests: fixingTests, places: inputs.places)
  }

  /// What a window of a large definition is centred on: the failing tests' lines, the task's
  /// words and the names it mentions.
  func evidence(baseline: String?) -> SliceEvidence {
    SliceEvidence(
      failure: baseline, paths: Array(inputs.context.files.keys),
      task: inputs.task + " " + inputs.subtask.goal,
      names: (inputs.subtask.intent?.symbols ?? []) + inputs.places.map(\.symbol))
  }

  /// What `tier`'s prompt shows of `scope` (``ScopeView``).
  func view(tier: Tier, scope: [String], padding: Int, baseline: String?) -> ScopeView {
    ScopeView.make(
      context: context, scope: scope, places: inputs.places,
      budget: ScopeView.budget(window: tier.contextWindow, maxTokens: inputs.agent.maxTokens),
      padding: padding, evidence: evidence(baseline: baseline))
  }

  /// The first round's shape on `tier`: one named function alone on a free tier when it fits
  /// (``FunctionFocus``), else the scope whole while it fits, else slices with SEARCH/REPLACE.
  func shape(tier: Tier, baseline: String?) -> Shape {
    let scope = scope(fixingTests: baseline != nil)
    let current = current
    let largest = scope.map { (current[$0] ?? nil)?.split(separator: "\n").count ?? 0 }.max() ?? 0
    let isAnalysis = inputs.subtask.kind == .analysis
    let budget = ScopeView.budget(window: tier.contextWindow, maxTokens: inputs.agent.maxTokens)
    let isTest = inputs.context.isTestFile
    var focus =
      !tier.isFree || !FunctionFocus.allowed(kind: inputs.subtask.kind, agent: inputs.agent)
      ? nil
      : (FunctionFocus.choose(
        places: inputs.places, isFix: inputs.subtask.intent?.action == .fix,
        named: FunctionFocus.named(task: inputs.task, intent: inputs.subtask.intent), scope: scope,
        files: current, isTest: isTest)
        // A fix that names no function: the one the failing assertions call, if only one.
        ?? baseline.flatMap {
          FunctionFocus.choose(failure: $0, scope: scope, files: current, isTest: isTest)
        }).flatMap { FunctionFocus.fits($0, budget: budget) ? $0 : nil }
    // New code for the end of a named file: written alone, nothing quoted (``AppendFormat``).
    let appended: AppendFormat? =
      isAnalysis
      ? nil
      : inputs.subtask.intent?.appendsTo.flatMap { path in
        scope.contains(path)
          ? (current[path] ?? nil).map {
            AppendFormat(
              path: path, content: $0,
              purpose: inputs.subtask.goal.split(separator: "\n").first.map(String.init))
          } : nil
      }
    if appended != nil { focus = nil }
    // Asked to "fix the bug" only when the plan says so or, with no plan, the tests fail before.
    focus?.fixes = inputs.subtask.intent.map { $0.action == .fix } ?? (baseline != nil)
    let view = view(tier: tier, scope: scope, padding: 0, baseline: baseline)
    let sliced: SliceFormat? =
      isAnalysis || focus != nil || appended != nil || !view.isSliced
      ? nil : SliceFormat(slices: view.slices, files: current.compactMapValues { $0 })
    let formatName =
      isAnalysis
      ? nil
      : appended?.name ?? focus?.name ?? sliced?.name
        ?? formatChoice.format(
          agent: inputs.agent.editFormat, tier: tier, largestFileLines: largest)
    let format: (any EditFormat)? =
      appended ?? focus ?? sliced ?? formatName.flatMap { EditFormats.standard[$0] }
    return Shape(
      scope: scope, current: current, focus: focus, view: view, formatName: formatName,
      format: format)
  }

  /// The first request for `shape`: the agent's system prompt and the rendered user prompt.
  func messages(
    _ shape: Shape, baseline: String?, focusedBaseline: String?, escalatedFrom: String?
  ) throws -> [ChatMessage] {
    let user =
      try shape.focus.map {
        try focused($0, baseline: focusedBaseline, escalatedFrom: escalatedFrom, previous: "")
      }
      ?? self.user(
        view: shape.view, format: shape.format, scope: shape.scope, baseline: baseline,
        escalatedFrom: escalatedFrom)
    return [ChatMessage.system(inputs.agent.systemPrompt), ChatMessage.user(user)]
  }

  /// Estimated tokens of `messages`, as the sub-agent's call counts them.
  static func tokens(_ messages: [ChatMessage]) -> Int {
    messages.reduce(0) { $0 + RepoContext.estimatedTokens($1.content) }
  }

  /// The prompt of a focused attempt: the task, the failing tests, the named functions, and what
  /// the last attempt on this tier did (a fresh conversation each round, so a small model is not
  /// anchored to its own wrong answer).
  func focused(
    _ focus: FunctionFormat, baseline: String?, escalatedFrom: String?, previous: String
  ) throws -> String {
    var earlier = previous
    if let escalatedFrom, previous.isEmpty {
      earlier = "A smaller model tried this and failed: \(escalatedFrom)\n\n"
    }
    func language(_ path: String) -> String { SourceLanguage(path: path)?.rawValue ?? "" }
    // A method comes with its class's outline: the attributes it may use, the methods beside it.
    let functions = focus.targets.map { target in
      let outline = ClassOutline.enclosing(target.extent, in: target.content, path: target.path)
      return "The function `\(target.extent.name)` in \(target.path):\n\n"
        + "```\(language(target.path))\n\(target.shown)```\n"
        + (outline.map { $0.sentence + "\n" } ?? "")
    }
    // `name`, `path`, `language` and `source` (the first function) serve templates of one function.
    return try prompts.render(
      "function",
      [
        "task": inputs.task, "findings": findingsText,
        "baseline": baseline.map { $0 + "\n\n" } ?? "",
        "functions": functions.joined(separator: "\n"),
        "name": focus.extent.name, "path": focus.path, "language": language(focus.path),
        "source": focus.targets[0].shown, "previous": earlier,
        "edit_instructions": focus.instructions,
      ])
  }

  /// The user prompt of an unfocused attempt: task, goal, findings, the view, a test file for
  /// reference (when the scope is whole), the symbol map and the format's instructions.
  func user(
    view: ScopeView, format: (any EditFormat)?, scope: [String], baseline: String?,
    escalatedFrom: String?
  ) throws -> String {
    let context = context
    // Tests the sub-task does not edit are shown for reference when the scope is shown whole:
    // they say what "done" means.
    let tests =
      view.isSliced
      ? []
      : context.relevantFiles(for: inputs.subtask.goal + " " + inputs.task, limit: 8)
        .filter { context.isTestFile($0) && !scope.contains($0) }.prefix(1)
    let window = view.tokens * 3 / 2 + inputs.agent.maxTokens + 600
    let testText = context.render(files: Array(tests), budget: max(window / 6, 256))
    let files = view.text + (testText.text.isEmpty ? "" : "\n\n" + testText.text)
    let omitted = view.notShown + testText.omitted
    var findings = findingsText
    if let escalatedFrom, !escalatedFrom.isEmpty {
      findings += "A smaller model tried this and failed: \(escalatedFrom)\n\n"
    }
    var fileText = files
    if !omitted.isEmpty {
      fileText += "\n\n(Left out to fit the context window: \(omitted.joined(separator: ", ")).)"
    }
    let map = context.symbolMap(excluding: Set(scope), budget: max(min(window / 6, 800), 64))
    let name = inputs.subtask.kind == .analysis ? "analysis" : "subtask"
    var values = [
      "task": inputs.task, "goal": inputs.subtask.goal, "findings": findings, "symbol_map": map,
      "files": fileText, "baseline": baseline.map { $0 + "\n\n" } ?? "",
    ]
    if let format {
      var instructions = format.instructions + "\nChange only: \(scope.joined(separator: ", "))."
      if format.name == "whole-file", let only = scope.first, scope.count == 1 {
        instructions += "\nYour reply starts with the line `\(only)`, then the fenced file."
      }
      values["edit_instructions"] = instructions
    }
    return try prompts.render(name, values)
  }

  /// The findings of the sub-tasks this one depends on, as a prompt paragraph.
  private var findingsText: String {
    inputs.dependencyFindings.isEmpty
      ? ""
      : "Findings from earlier sub-tasks:\n"
        + inputs.dependencyFindings.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
  }
}
