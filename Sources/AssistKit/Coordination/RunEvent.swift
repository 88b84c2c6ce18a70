/// What the coordinator reports while a run goes, for the CLI's progress lines.
package enum RunEvent: Sendable {
  /// The plan is ready (and how it came about).
  case planned(Plan)
  /// A sub-task was routed: the tier ladder and the router's reasons.
  case routed(subtask: String, ladder: [String], reasons: [String])
  /// A notice to show once (e.g. "no cloud key: cloud work goes to local-medium").
  case notice(String)
  /// An attempt started.
  case attemptStarted(subtask: String, tier: String, round: Int, format: String?)
  /// A call waits for a busy local server: every slot is processing another request.
  case waitingForSlot(subtask: String, tier: String, slots: String)
  /// Tokens are streaming.
  case progress(subtask: String, tier: String, tokens: Int, tokensPerSecond: Double?)
  /// An attempt ended with a one-line outcome.
  case attemptFinished(subtask: String, tier: String, round: Int, outcome: String, accepted: Bool)
  /// A model call finished: the last message sent and the reply (for `--transcript`).
  case exchange(subtask: String, tier: String, round: Int, prompt: String, reply: String)
  /// A sub-task moved up the ladder.
  case escalated(subtask: String, from: String, to: String, reason: String)
  /// A sub-task finished.
  case subtaskFinished(subtask: String, status: String)
}

/// Receives ``RunEvent``s; the CLI prints them, tests collect them.
package typealias RunEventSink = @Sendable (RunEvent) -> Void
