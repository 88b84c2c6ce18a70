/// A snapshot of a streaming call, sent to the progress callback after each piece of text, for the
/// CLI to render (assist never prints from AssistKit).
package struct CallProgress: Sendable, Equatable {
  /// The endpoint answering, by its redacted description.
  package var endpoint: String
  /// The text this update added.
  package var delta: String
  /// Reply tokens so far (one per streamed piece, which is one token on llama.cpp and OpenAI).
  package var tokens: Int
  /// Time since the first token.
  package var generating: Duration
  /// Tokens per second since the first token, once measurable.
  package var tokensPerSecond: Double?

  /// Creates a snapshot.
  package init(
    endpoint: String, delta: String, tokens: Int, generating: Duration, tokensPerSecond: Double?
  ) {
    self.endpoint = endpoint
    self.delta = delta
    self.tokens = tokens
    self.generating = generating
    self.tokensPerSecond = tokensPerSecond
  }
}
