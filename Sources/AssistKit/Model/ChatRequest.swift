/// One model call as assist means it, independent of the wire protocol; a provider codec turns it
/// into an ``HTTP/HTTPRequest``.
package struct ChatRequest: Sendable, Equatable {
  /// The shape the reply must have.
  package enum ResponseFormat: Sendable, Equatable {
    /// Free text (the default).
    case text
    /// Any JSON object (OpenAI `response_format: {"type": "json_object"}`).
    case jsonObject
    /// JSON matching a schema (OpenAI `json_schema`); `schema` is the schema's JSON text.
    case jsonSchema(name: String, schema: String)
  }

  /// The conversation; system messages may appear anywhere but usually come first.
  package var messages: [ChatMessage]
  /// The most tokens the reply may have (Anthropic requires one; 1024 is used when `nil`).
  package var maxTokens: Int?
  /// Sampling temperature, if not the server's default.
  package var temperature: Double?
  /// Sequences that end the reply.
  package var stop: [String]
  /// The reply's shape. Anthropic Messages has no JSON mode; there it is ignored.
  package var responseFormat: ResponseFormat
  /// Ask the provider to cache the system prompt (Anthropic `cache_control`); OpenAI caches
  /// automatically and ignores this.
  package var cacheSystemPrompt: Bool
  /// Stream the reply token by token (the default) rather than in one body.
  package var stream: Bool
  /// Ask a llama.cpp server to keep this prompt in its slot's cache and reuse the common prefix
  /// (`cache_prompt`); set only for tiers assist runs on llama.cpp (real OpenAI rejects unknown
  /// fields).
  package var keepsPromptCache = false
  /// The llama.cpp slot to use (`id_slot`), so that one sub-task's rounds meet their own cache;
  /// `nil` lets the server pick the idle slot with the most similar prompt.
  package var slot: Int?
  /// The sampling seed, for providers whose API takes one (OpenAI chat and llama.cpp do;
  /// Anthropic Messages has none and ignores it).
  package var seed: Int?

  /// Creates a request.
  package init(
    messages: [ChatMessage], maxTokens: Int? = nil, temperature: Double? = nil,
    stop: [String] = [], responseFormat: ResponseFormat = .text, cacheSystemPrompt: Bool = false,
    stream: Bool = true
  ) {
    self.messages = messages
    self.maxTokens = maxTokens
    self.temperature = temperature
    self.stop = stop
    self.responseFormat = responseFormat
    self.cacheSystemPrompt = cacheSystemPrompt
    self.stream = stream
  }
}
