/// The most one model call may take, enforced on assist's side whatever the server does: a
/// wall-clock limit over every attempt, and a cap on the reply's tokens and bytes that cuts the
/// transfer when passed (issue: a reply that never ends must not hang a run).
package struct CallLimits: Sendable, Equatable {
  /// The whole call, retries and backoff included.
  package var wallClock: Duration
  /// Streamed pieces (one token each on llama.cpp and OpenAI) before the reply is cut off.
  package var maxReplyTokens: Int
  /// Reply bytes (streamed text, or a whole body) before the reply is cut off.
  package var maxReplyBytes: Int
  /// What the limits are for, in errors: `local-small, whole-file`.
  package var label: String

  /// Creates limits.
  package init(wallClock: Duration, maxReplyTokens: Int, maxReplyBytes: Int, label: String = "") {
    self.wallClock = wallClock
    self.maxReplyTokens = maxReplyTokens
    self.maxReplyBytes = maxReplyBytes
    self.label = label
  }

  /// Slowest rates a call is allowed before it counts as hung, per token, by kind of tier.
  private static let localSecondsPerToken = 0.5
  private static let localPromptSecondsPerToken = 0.05
  private static let remoteSecondsPerToken = 0.1
  /// Time for connecting, queueing and loading, on top of the per-token allowance.
  private static let startAllowance = Duration.seconds(60)
  /// Reply bytes allowed per token: tokens are rarely longer than a few bytes.
  private static let bytesPerToken = 16
  /// The reply cap's slack over `max_tokens` (servers count a little differently).
  private static let tokenSlack = 32

  /// The limits for a call of `maxTokens` reply tokens on `tier` in `format`.
  ///
  /// Free tiers (the bundled llama.cpp servers on a small CPU) are allowed 0.5 s per reply token
  /// and 0.05 s per prompt token; paid tiers 0.1 s per reply token; both after a minute's start.
  /// - Parameters:
  ///   - tier: The tier called.
  ///   - maxTokens: The request's `max_tokens`.
  ///   - promptTokens: The prompt's estimated length.
  ///   - format: The edit format the reply is in, for messages.
  /// - Returns: The limits.
  package static func forCall(
    tier: Tier, maxTokens: Int, promptTokens: Int, format: String? = nil
  ) -> CallLimits {
    let seconds =
      tier.isFree
      ? Double(maxTokens) * localSecondsPerToken
        + Double(promptTokens) * localPromptSecondsPerToken
      : Double(maxTokens) * remoteSecondsPerToken
    return CallLimits(
      wallClock: startAllowance + .milliseconds(Int64(seconds * 1000)),
      maxReplyTokens: maxTokens + tokenSlack,
      maxReplyBytes: (maxTokens + tokenSlack) * bytesPerToken,
      label: [tier.name, format].compactMap { $0 }.joined(separator: ", "))
  }

  /// The limits of a call that states none: from its `max_tokens` (4096 when unset) at the
  /// remote rates, so that no call is unbounded.
  /// - Parameter request: The call.
  /// - Returns: The limits.
  package static func defaults(for request: ChatRequest) -> CallLimits {
    let tokens = request.maxTokens ?? 4096
    return CallLimits(
      wallClock: startAllowance + .seconds(Double(tokens) * localSecondsPerToken),
      maxReplyTokens: tokens + tokenSlack, maxReplyBytes: (tokens + tokenSlack) * bytesPerToken)
  }

  /// ` (local-small, whole-file)`, or nothing without a label.
  var suffix: String { label.isEmpty ? "" : " (\(label))" }
}
