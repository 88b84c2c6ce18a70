/// What the edit pipeline made of one model reply: a canonical diff that passed the gate, or the
/// stage that refused it with the reasons and the feedback for the model.
package struct EditOutcome: Sendable, Equatable {
  /// Where the pipeline stopped.
  package enum Stage: String, Sendable, Codable {
    /// The reply could not be read as edits.
    case parse
    /// A block could not be placed (missing, ambiguous, overlapping) or the edits changed nothing.
    case match
    /// Paths, the apply-check or the identifier check refused the change.
    case gate
    /// A configured check command failed.
    case check
    /// Everything passed.
    case accepted
  }

  /// Where it stopped.
  package var stage: Stage
  /// The edit format's name.
  package var format: String
  /// The parse failure, for `.parse`.
  package var parseError: EditParseError?
  /// Every block's outcome (empty for `.parse`).
  package var blocks: [BlockOutcome]
  /// The touched files, base and new content; pass them as `prior` to the next round so blocks
  /// that applied need not be re-sent.
  package var changes: [EditApplier.FileChange]
  /// The canonical `diff --git` patch of all changed files (empty before the gate).
  package var diff: String
  /// The gate's and checks' refusals.
  package var gateFailures: [GateFailure]
  /// Names the change references that exist nowhere (also listed when they do not refuse).
  package var suspects: [IdentifierSuspect]
  /// The text for the model when refused; empty when accepted.
  package var feedback: String

  /// Whether the change passed every stage.
  package var accepted: Bool { stage == .accepted }

  /// Creates an outcome.
  package init(
    stage: Stage, format: String, parseError: EditParseError? = nil, blocks: [BlockOutcome] = [],
    changes: [EditApplier.FileChange] = [], diff: String = "", gateFailures: [GateFailure] = [],
    suspects: [IdentifierSuspect] = [], feedback: String = ""
  ) {
    self.stage = stage
    self.format = format
    self.parseError = parseError
    self.blocks = blocks
    self.changes = changes
    self.diff = diff
    self.gateFailures = gateFailures
    self.suspects = suspects
    self.feedback = feedback
  }
}
