/// One message of a conversation with a model.
package struct ChatMessage: Sendable, Equatable, Codable {
  /// Who speaks.
  package enum Role: String, Sendable, Equatable, Codable {
    /// Instructions that frame the conversation (Anthropic's `system` field).
    case system
    /// The person, or assist on their behalf.
    case user
    /// The model.
    case assistant
  }

  /// Who speaks.
  package var role: Role
  /// The text.
  package var content: String

  /// Creates a message.
  package init(_ role: Role, _ content: String) {
    self.role = role
    self.content = content
  }

  /// A system message.
  package static func system(_ content: String) -> ChatMessage { ChatMessage(.system, content) }
  /// A user message.
  package static func user(_ content: String) -> ChatMessage { ChatMessage(.user, content) }
  /// An assistant message.
  package static func assistant(_ content: String) -> ChatMessage {
    ChatMessage(.assistant, content)
  }
}
