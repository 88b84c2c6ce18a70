/// A model's complete reply with what it cost in tokens and time.
package struct ChatResponse: Sendable, Equatable {
  /// Why the model stopped.
  package enum FinishReason: Sendable, Equatable, Hashable {
    /// It finished (OpenAI `stop`, Anthropic `end_turn` / `stop_sequence`).
    case stop
    /// It hit `maxTokens` (OpenAI `length`, Anthropic `max_tokens`).
    case length
    /// It asked for a tool (assist sends no tools, so this is unexpected).
    case toolUse
    /// The provider refused or filtered the reply.
    case refusal
    /// Anything else, verbatim.
    case other(String)
  }

  /// The reply text.
  package var text: String
  /// Why the reply ended.
  package var finishReason: FinishReason
  /// The model id the server reported, if any.
  package var model: String?
  /// The tokens consumed.
  package var usage: Usage
  /// Where the time went.
  package var timings: CallTimings
  /// The endpoint that answered (after any failover), by its redacted description.
  package var endpoint: String
  /// How many attempts the call took, across retries and failover (1 when the first succeeded).
  package var attempts: Int

  /// Creates a response.
  package init(
    text: String, finishReason: FinishReason, model: String? = nil, usage: Usage = .zero,
    timings: CallTimings = .init(), endpoint: String = "", attempts: Int = 1
  ) {
    self.text = text
    self.finishReason = finishReason
    self.model = model
    self.usage = usage
    self.timings = timings
    self.endpoint = endpoint
    self.attempts = attempts
  }
}
