/// What a sub-agent shows one tier on its first round: the scope, the one function it may be
/// focused on, the view of the scope (whole files or slices), the edit format and the first
/// request. The tier loop and the sampling round start from the same setup.
struct TierSetup: Sendable {
  /// What the tier is shown (scope, files, focus, view, format), as ``SubtaskPrompt`` shaped it.
  var shape: SubtaskPrompt.Shape
  /// The files the sub-task may change.
  var scope: [String] { shape.scope }
  /// The files as this sub-task starts from them (nil = deleted).
  var current: [String: String?] { shape.current }
  /// The one function the tier is shown alone, when there is one (``FunctionFocus``).
  var focus: FunctionFormat? { shape.focus }
  /// What the prompt shows of the scope.
  var view: ScopeView { shape.view }
  /// The edit format's name (`nil` for analysis).
  var formatName: String? { shape.formatName }
  /// The edit format (`nil` for analysis).
  var format: (any EditFormat)? { shape.format }
  /// The failure of the tier below, for the prompt.
  var escalatedFrom: String?
  /// The failing assertions that mention the focused function.
  var focusedBaseline: String?
  /// The function format the plan's intent points at, when the focus rule left the scope whole.
  var planned: FunctionFormat?
  /// The first request: the agent's system prompt and the rendered user prompt.
  var messages: [ChatMessage]
  /// Bytes a reply may reasonably need (``ReplyBounds``).
  var sliceBytes: Int
}

extension SubAgent {
  /// The renderer of this sub-agent's prompts (``SubtaskPrompt``), shared with routing.
  func renderer(_ inputs: Inputs) -> SubtaskPrompt {
    SubtaskPrompt(inputs: inputs, prompts: prompts, formatChoice: formatChoice)
  }

  /// The setup of `tier` for `inputs`, or a failure text when the agent names an unknown format.
  func prepare(
    _ tier: Tier, step: Int, inputs: Inputs, lastFailure: String, baseline: String?
  ) async throws -> Result<TierSetup, SetupFailure> {
    let renderer = renderer(inputs)
    let shape = renderer.shape(tier: tier, baseline: baseline)
    let (scope, current, focus) = (shape.scope, shape.current, shape.focus)
    let isAnalysis = inputs.subtask.kind == .analysis
    if !isAnalysis && shape.format == nil {
      return .failure(
        SetupFailure(
          text:
            "agent \(inputs.agent.name) names unknown edit format '\(shape.formatName ?? "")'"))
    }
    let escalatedFrom = step > 0 && !lastFailure.isEmpty ? lastFailure : nil
    let focusedBaseline: String? =
      if let focus { await verifier?.baselineFailure(focusedOn: focus.names) } else { nil }
    // The function format for a sub-task the plan says is about one function, when the usual
    // focus rule left it whole-file (e.g. the function is most of its file); never one larger
    // than the tier's budget (the windowed slice shows that).
    let budget = ScopeView.budget(window: tier.contextWindow, maxTokens: inputs.agent.maxTokens)
    let planned =
      focus != nil || isAnalysis
        || !FunctionFocus.allowed(kind: inputs.subtask.kind, agent: inputs.agent)
      ? nil
      : FunctionFocus.planned(
        inputs.subtask.intent, scope: scope, files: current, isTest: inputs.context.isTestFile
      ).flatMap { FunctionFocus.fits($0, budget: budget) ? $0 : nil }
    let messages = try renderer.messages(
      shape, baseline: baseline, focusedBaseline: focusedBaseline, escalatedFrom: escalatedFrom)
    return .success(
      TierSetup(
        shape: shape, escalatedFrom: escalatedFrom,
        focusedBaseline: focusedBaseline, planned: planned, messages: messages,
        sliceBytes: focus?.source.utf8.count
          ?? scope.reduce(0) { $0 + ((current[$1] ?? nil)?.utf8.count ?? 0) }))
  }
}

/// Why a tier could not be set up (the agent names a format that does not exist).
struct SetupFailure: Error, Sendable {
  /// The one-line reason.
  var text: String
}
