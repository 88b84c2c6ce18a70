/// Keeps a reflection conversation inside a tier's window: when the base prompt and the turns
/// after it (an answer, then its feedback) would leave less than the reply's `max_tokens`, the
/// oldest turns are dropped first and the prompt says so.
///
/// On a large slice every round adds an answer as long as the code it rewrites; without this the
/// third round overflows the window and the tier fails without being called.
package enum ReflectionHistory {
  /// The note put before the latest feedback when turns were dropped.
  package static func omittedNote(_ rounds: Int) -> String {
    "(\(rounds) earlier round\(rounds == 1 ? "" : "s") omitted to fit the context window; "
      + "this is the feedback on your latest answer.)\n\n"
  }

  /// `messages` trimmed to fit `window` with `maxTokens` left for the reply.
  ///
  /// The first two messages (system and the task's prompt) are the base and always kept; after
  /// them come turns of an assistant answer and a user reply. The latest turn is always kept, so
  /// a conversation that still does not fit is returned for the caller's window check to refuse.
  /// - Parameters:
  ///   - messages: The conversation as the sub-agent built it.
  ///   - window: The tier's context window, in tokens.
  ///   - maxTokens: Tokens the reply may take.
  /// - Returns: The conversation to send.
  package static func fitted(_ messages: [ChatMessage], window: Int, maxTokens: Int)
    -> [ChatMessage]
  {
    let limit = window - maxTokens
    guard messages.count > 4, SubtaskPrompt.tokens(messages) > limit else { return messages }
    let base = Array(messages.prefix(2))
    var turns = Array(messages.dropFirst(2))
    guard turns.count.isMultiple(of: 2) else { return messages }
    var dropped = 0
    // Drop whole turns (answer and feedback) from the oldest; the latest turn stays.
    while turns.count > 2,
      SubtaskPrompt.tokens(base + turns) + RepoContext.estimatedTokens(omittedNote(dropped + 1))
        > limit
    {
      turns.removeFirst(2)
      dropped += 1
    }
    guard dropped > 0, let last = turns.indices.last else { return messages }
    turns[last] = ChatMessage(turns[last].role, omittedNote(dropped) + turns[last].content)
    return base + turns
  }
}
