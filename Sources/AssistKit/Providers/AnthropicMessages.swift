package import HTTP

/// Anthropic Messages (`POST /v1/messages`), as spoken by Anthropic and llama.cpp's server.
///
/// System messages go to the `system` field (with `cache_control` when
/// ``ChatRequest/cacheSystemPrompt`` is set); usage counts cache writes
/// (`cache_creation_input_tokens`) and reads (`cache_read_input_tokens`).
package struct AnthropicMessages: ModelProvider {
  /// The `anthropic-version` header value sent with every request.
  package static let version = "2023-06-01"
  /// `max_tokens` is required by this API; used when the request sets none.
  package static let defaultMaxTokens = 1024

  /// Creates the codec.
  package init() {}

  package func encode(_ request: ChatRequest, for endpoint: EndpointSpec, apiKey: String?)
    throws(ProviderError) -> HTTPRequest
  {
    let system = request.messages.filter { $0.role == .system }.map(\.content)
      .joined(separator: "\n\n")
    var body: [String: Any] = [
      "model": endpoint.model,
      "max_tokens": request.maxTokens ?? Self.defaultMaxTokens,
      "messages": request.messages.filter { $0.role != .system }.map {
        ["role": $0.role.rawValue, "content": $0.content]
      },
      "stream": request.stream,
    ]
    if !system.isEmpty {
      body["system"] =
        request.cacheSystemPrompt
        ? [["type": "text", "text": system, "cache_control": ["type": "ephemeral"]]] as Any
        : system as Any
    }
    if let temperature = request.temperature { body["temperature"] = temperature }
    if !request.stop.isEmpty { body["stop_sequences"] = request.stop }
    var headers: [(name: String, value: String)] = [
      (name: "Content-Type", value: "application/json"),
      (name: "Accept", value: request.stream ? "text/event-stream" : "application/json"),
      (name: "anthropic-version", value: Self.version),
    ]
    if let apiKey { headers.append((name: "x-api-key", value: apiKey)) }
    return HTTPRequest(
      method: "POST", url: endpoint.url("/v1/messages"), headers: headers,
      body: try WireJSON.encode(body))
  }

  package func makeStreamDecoder() -> any ReplyStreamDecoder { StreamDecoder() }

  package func decode(body: [UInt8]) throws(ProviderError) -> DecodedReply {
    let message = try WireJSON.decode(Message.self, from: body)
    if let error = message.error { throw Self.streamError(error) }
    guard message.content != nil else {
      throw .malformedReply(message: "message has no content")
    }
    let text = (message.content ?? []).filter { $0.type == "text" }.compactMap(\.text).joined()
    return DecodedReply(
      text: text, finishReason: message.stopReason.map(Self.finishReason), model: message.model,
      usage: message.usage?.usage ?? .zero)
  }

  package func error(status: Int, headers: [(name: String, value: String)], body: [UInt8])
    -> ProviderError
  {
    .classify(status: status, headers: headers, body: body)
  }

  /// Maps `stop_reason` to assist's reasons.
  static func finishReason(_ reason: String) -> ChatResponse.FinishReason {
    switch reason {
    case "end_turn", "stop_sequence": .stop
    case "max_tokens": .length
    case "tool_use": .toolUse
    case "refusal": .refusal
    default: .other(reason)
    }
  }

  /// Classifies an `error` event or body by its `type`, as the HTTP statuses would.
  static func streamError(_ error: WireError) -> ProviderError {
    let message = ProviderError.oneLine(error.message ?? error.type ?? "error")
    switch error.type {
    case "rate_limit_error": return .rateLimited(retryAfter: nil, message: message)
    case "overloaded_error": return .server(status: 529, retryAfter: nil, message: message)
    case "authentication_error", "permission_error": return .auth(status: 0, message: message)
    case "invalid_request_error": return .badRequest(status: 0, message: message)
    default: return .server(status: 0, retryAfter: nil, message: message)
    }
  }

  /// The incremental decoder of Messages stream events.
  struct StreamDecoder: ReplyStreamDecoder {
    private(set) var reply = DecodedReply()
    private(set) var isComplete = false

    mutating func decode(_ event: ServerSentEvent) throws(ProviderError) -> String {
      let data = try WireJSON.decode(Event.self, from: Array(event.data.utf8))
      switch data.type {
      case "message_start":
        reply.model = data.message?.model ?? reply.model
        if let usage = data.message?.usage { reply.usage = usage.merged(into: reply.usage) }
      case "content_block_start":
        guard data.contentBlock?.type == "text", let text = data.contentBlock?.text else { break }
        reply.text += text
        return text
      case "content_block_delta":
        guard data.delta?.type == "text_delta", let text = data.delta?.text else { break }
        reply.text += text
        return text
      case "message_delta":
        if let reason = data.delta?.stopReason { reply.finishReason = Self.finish(reason) }
        if let usage = data.usage { reply.usage = usage.merged(into: reply.usage) }
      case "message_stop":
        isComplete = true
      case "error":
        throw AnthropicMessages.streamError(data.error ?? WireError(type: nil, message: nil))
      default:
        break  // ping, content_block_stop, and event types added later
      }
      return ""
    }

    private static func finish(_ reason: String) -> ChatResponse.FinishReason {
      AnthropicMessages.finishReason(reason)
    }
  }
}

extension AnthropicMessages {
  /// `usage` as Anthropic reports it; fields absent from an event keep their earlier values.
  struct WireUsage: Decodable {
    var inputTokens: Int?
    var outputTokens: Int?
    var cacheCreationInputTokens: Int?
    var cacheReadInputTokens: Int?

    /// Overlays the fields this event reported onto `usage` (Anthropic's counts are cumulative).
    func merged(into usage: Usage) -> Usage {
      var merged = usage
      let write = cacheCreationInputTokens ?? usage.cacheWriteTokens
      let plainInput = inputTokens ?? (usage.inputTokens - usage.cacheWriteTokens)
      merged.inputTokens = plainInput + write
      merged.cacheWriteTokens = write
      merged.cacheReadTokens = cacheReadInputTokens ?? usage.cacheReadTokens
      merged.outputTokens = outputTokens ?? usage.outputTokens
      return merged
    }

    var usage: Usage { merged(into: .zero) }
  }

  /// An error object.
  struct WireError: Decodable {
    var type: String?
    var message: String?
  }

  /// A content block of a whole message or a `content_block_start` event.
  struct Block: Decodable {
    var type: String?
    var text: String?
  }

  /// A whole message (non-streamed body, or `message_start`'s `message`).
  struct Message: Decodable {
    var model: String?
    var content: [Block]?
    var stopReason: String?
    var usage: WireUsage?
    var error: WireError?
  }

  /// One stream event's data.
  struct Event: Decodable {
    struct Delta: Decodable {
      var type: String?
      var text: String?
      var stopReason: String?
    }
    var type: String
    var message: Message?
    var contentBlock: Block?
    var delta: Delta?
    var usage: WireUsage?
    var error: WireError?
  }
}
