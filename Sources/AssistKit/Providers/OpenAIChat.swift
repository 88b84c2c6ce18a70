package import HTTP

/// OpenAI Chat Completions (`POST /v1/chat/completions`), as spoken by OpenAI, llama.cpp, Ollama,
/// vLLM, LM Studio and OpenRouter.
///
/// Streams with `stream_options.include_usage` so that the last chunk carries the token counts;
/// sends `response_format` for JSON mode; reads cached prompt tokens from
/// `usage.prompt_tokens_details.cached_tokens`, or from llama.cpp's `timings` (`prompt_n` tokens
/// processed, `cache_n` reused from the slot's cache), which win when present.
package struct OpenAIChat: ModelProvider {
  /// Creates the codec.
  package init() {}

  package func encode(_ request: ChatRequest, for endpoint: EndpointSpec, apiKey: String?)
    throws(ProviderError) -> HTTPRequest
  {
    var body: [String: Any] = [
      "model": endpoint.model,
      "messages": request.messages.map { ["role": $0.role.rawValue, "content": $0.content] },
      "stream": request.stream,
    ]
    if request.stream { body["stream_options"] = ["include_usage": true] }
    if let maxTokens = request.maxTokens { body["max_tokens"] = maxTokens }
    if let temperature = request.temperature { body["temperature"] = temperature }
    if let seed = request.seed { body["seed"] = seed }
    if !request.stop.isEmpty { body["stop"] = request.stop }
    if request.keepsPromptCache {
      body["cache_prompt"] = true
      if let slot = request.slot { body["id_slot"] = slot }
    }
    switch request.responseFormat {
    case .text: break
    case .jsonObject: body["response_format"] = ["type": "json_object"]
    case .jsonSchema(let name, let schema):
      body["response_format"] = [
        "type": "json_schema",
        "json_schema": ["name": name, "schema": try WireJSON.parse(schema), "strict": true],
      ]
    }
    var headers: [(name: String, value: String)] = [
      (name: "Content-Type", value: "application/json"),
      (name: "Accept", value: request.stream ? "text/event-stream" : "application/json"),
    ]
    if let apiKey { headers.append((name: "Authorization", value: "Bearer \(apiKey)")) }
    return HTTPRequest(
      method: "POST", url: endpoint.url("/v1/chat/completions"), headers: headers,
      body: try WireJSON.encode(body))
  }

  package func makeStreamDecoder() -> any ReplyStreamDecoder { StreamDecoder() }

  package func decode(body: [UInt8]) throws(ProviderError) -> DecodedReply {
    let completion = try WireJSON.decode(Completion.self, from: body)
    if let error = completion.error { throw .server(status: 0, retryAfter: nil, message: error) }
    guard let choice = completion.choices?.first(where: { ($0.index ?? 0) == 0 }) else {
      throw .malformedReply(message: "completion has no choices")
    }
    return DecodedReply(
      text: choice.message?.content ?? choice.message?.refusal ?? "",
      finishReason: choice.finishReason.map(Self.finishReason), model: completion.model,
      usage: completion.timings.map { $0.applied(to: completion.usage?.usage ?? .zero) }
        ?? completion.usage?.usage ?? .zero)
  }

  package func error(status: Int, headers: [(name: String, value: String)], body: [UInt8])
    -> ProviderError
  {
    .classify(status: status, headers: headers, body: body)
  }

  /// Maps `finish_reason` to assist's reasons.
  static func finishReason(_ reason: String) -> ChatResponse.FinishReason {
    switch reason {
    case "stop": .stop
    case "length": .length
    case "tool_calls", "function_call": .toolUse
    case "content_filter": .refusal
    default: .other(reason)
    }
  }

  /// The incremental decoder of `chat.completion.chunk` events.
  struct StreamDecoder: ReplyStreamDecoder {
    private(set) var reply = DecodedReply()
    private(set) var isComplete = false
    private var timings: WireTimings?

    mutating func decode(_ event: ServerSentEvent) throws(ProviderError) -> String {
      if event.data == "[DONE]" {
        isComplete = true
        return ""
      }
      let chunk = try WireJSON.decode(Chunk.self, from: Array(event.data.utf8))
      if let error = chunk.error { throw .server(status: 0, retryAfter: nil, message: error) }
      if let model = chunk.model { reply.model = model }
      timings = chunk.timings ?? timings
      if let usage = chunk.usage { reply.usage = usage.usage }
      if let timings { reply.usage = timings.applied(to: reply.usage) }
      // With `n` > 1 the choices interleave; assist asks for one and reads index 0.
      guard let choice = chunk.choices?.first(where: { ($0.index ?? 0) == 0 }) else { return "" }
      if let reason = choice.finishReason { reply.finishReason = OpenAIChat.finishReason(reason) }
      let text = choice.delta?.content ?? choice.delta?.refusal ?? ""
      reply.text += text
      return text
    }
  }
}

extension OpenAIChat {
  /// `usage` as OpenAI reports it.
  struct WireUsage: Decodable {
    struct Details: Decodable { var cachedTokens: Int? }
    var promptTokens: Int?
    var completionTokens: Int?
    var promptTokensDetails: Details?

    var usage: Usage {
      let cached = promptTokensDetails?.cachedTokens ?? 0
      return Usage(
        inputTokens: max(0, (promptTokens ?? 0) - cached), outputTokens: completionTokens ?? 0,
        cacheReadTokens: cached)
    }
  }

  /// llama.cpp's `timings`: prompt tokens processed and reused from the slot's cache.
  struct WireTimings: Decodable {
    var promptN: Int?
    var cacheN: Int?

    /// `usage` with its prompt split as the server measured it.
    func applied(to usage: Usage) -> Usage {
      guard let promptN else { return usage }
      var usage = usage
      usage.inputTokens = promptN
      usage.cacheReadTokens = cacheN ?? 0
      return usage
    }
  }

  /// An error object inside a 200 body or stream chunk.
  struct WireError: Decodable {
    var message: String?
  }

  /// One streamed `chat.completion.chunk`.
  struct Chunk: Decodable {
    struct Choice: Decodable {
      struct Delta: Decodable {
        var content: String?
        var refusal: String?
      }
      var index: Int?
      var delta: Delta?
      var finishReason: String?
    }
    var model: String?
    var choices: [Choice]?
    var usage: WireUsage?
    var timings: WireTimings?
    var wireError: WireError?
    var error: String? { wireError.map { $0.message ?? "error in stream" } }

    enum CodingKeys: String, CodingKey {
      case model, choices, usage, timings
      case wireError = "error"
    }
  }

  /// A whole `chat.completion`.
  struct Completion: Decodable {
    struct Choice: Decodable {
      struct Message: Decodable {
        var content: String?
        var refusal: String?
      }
      var index: Int?
      var message: Message?
      var finishReason: String?
    }
    var model: String?
    var choices: [Choice]?
    var usage: WireUsage?
    var timings: WireTimings?
    var wireError: WireError?
    var error: String? { wireError.map { $0.message ?? "error in reply" } }

    enum CodingKeys: String, CodingKey {
      case model, choices, usage, timings
      case wireError = "error"
    }
  }
}
