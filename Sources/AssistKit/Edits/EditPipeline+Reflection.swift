extension EditPipeline {
  /// Runs a reply and, while it is refused, sends the feedback to the same model and runs its
  /// answer, up to `reflections` more rounds.
  ///
  /// After a match refusal the blocks that applied are kept (the feedback told the model not to
  /// re-send them), so the next round applies on top of them; after any other refusal the next
  /// round starts again from the base.
  /// - Parameters:
  ///   - reply: The model's first reply.
  ///   - format: The edit format it was asked for.
  ///   - base: The repository at the base commit.
  ///   - defaultPath: The one file the request was about, if any.
  ///   - reflections: How many times the model may be asked again (0 runs the reply once).
  ///   - ask: Sends feedback to the model (as the next user turn) and returns its reply.
  /// - Returns: Every round's outcome, in order; the last one is the result.
  /// - Throws: What reading the base or `ask` throws.
  nonisolated(nonsending) package func run(
    reply: String, format: any EditFormat, base: some EditBase, defaultPath: String? = nil,
    reflections: Int, ask: (String) async throws -> String
  ) async throws -> [EditOutcome] {
    var outcomes: [EditOutcome] = []
    var prior: [EditApplier.FileChange] = []
    var current = reply
    while true {
      let outcome = try await run(
        reply: current, format: format, base: base, prior: prior, defaultPath: defaultPath)
      outcomes.append(outcome)
      if outcome.accepted || outcomes.count > reflections { return outcomes }
      prior = outcome.stage == .match ? outcome.changes : []
      current = try await ask(outcome.feedback)
    }
  }
}
