import AssistKit
import Testing

/// Reflection rounds on a large slice: the oldest turns go first, the latest stays, and the
/// prompt says rounds were left out.
@Suite struct ReflectionHistoryTests {
  /// About `tokens` estimated tokens of text.
  private func text(_ label: String, tokens: Int) -> String {
    label + String(repeating: "x", count: tokens * 3 - label.count)
  }

  private var conversation: [ChatMessage] {
    [
      .system(text("system", tokens: 100)), .user(text("task", tokens: 3_000)),
      .assistant(text("answer 1", tokens: 1_500)), .user(text("feedback 1", tokens: 200)),
      .assistant(text("answer 2", tokens: 1_500)), .user(text("feedback 2", tokens: 200)),
      .assistant(text("answer 3", tokens: 1_500)), .user(text("feedback 3", tokens: 200)),
    ]
  }

  @Test func theOldestTurnsAreDroppedFirstAndTheLatestAnswerAndFeedbackKept() {
    // 8,200 tokens against 8,192 − 1,024: one turn must go.
    let fitted = ReflectionHistory.fitted(conversation, window: 8_192, maxTokens: 1_024)
    #expect(fitted.count == 6)
    #expect(fitted[0].content.hasPrefix("system") && fitted[1].content.hasPrefix("task"))
    #expect(fitted[2].content.hasPrefix("answer 2"))
    #expect(fitted[4].content.hasPrefix("answer 3"))
    #expect(fitted[5].content.hasPrefix(ReflectionHistory.omittedNote(1)))
    #expect(fitted[5].content.contains("feedback 3"))
    #expect(fitted[5].content.contains("earlier round omitted"))
    let total = fitted.reduce(0) { $0 + RepoContext.estimatedTokens($1.content) }
    #expect(total + 1_024 <= 8_192)
  }

  @Test func aSmallerWindowDropsMoreButNeverTheLatestTurn() {
    let fitted = ReflectionHistory.fitted(conversation, window: 6_000, maxTokens: 1_024)
    #expect(fitted.count == 4)
    #expect(fitted[2].content.hasPrefix("answer 3"))
    #expect(fitted[3].content.hasPrefix(ReflectionHistory.omittedNote(2)))
    #expect(fitted[3].content.contains("2 earlier rounds omitted"))
    // Still too large for a tiny window: the latest turn is kept, the caller's check refuses it.
    let tiny = ReflectionHistory.fitted(conversation, window: 2_000, maxTokens: 1_024)
    #expect(tiny.count == 4 && tiny[2].content.hasPrefix("answer 3"))
  }

  @Test func aConversationThatFitsIsSentUnchanged() {
    let fitted = ReflectionHistory.fitted(conversation, window: 32_768, maxTokens: 1_024)
    #expect(fitted == conversation)
  }
}
