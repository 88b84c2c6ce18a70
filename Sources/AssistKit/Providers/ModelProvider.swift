package import HTTP

/// A wire protocol as a pure codec (STYLE.md rule 12): requests out, replies and errors in.
/// No I/O: ``ModelClient`` moves the bytes.
package protocol ModelProvider: Sendable {
  /// Builds the HTTP request for `request` at `endpoint`.
  /// - Parameters:
  ///   - request: The call.
  ///   - endpoint: Where it goes (URL and model id).
  ///   - apiKey: The key to send, if any.
  /// - Returns: The request, with default timeouts.
  /// - Throws: ``ProviderError/invalidRequest(message:)`` if the request cannot be encoded.
  func encode(_ request: ChatRequest, for endpoint: EndpointSpec, apiKey: String?)
    throws(ProviderError) -> HTTPRequest

  /// A fresh decoder for one streamed reply.
  func makeStreamDecoder() -> any ReplyStreamDecoder

  /// Decodes a whole, non-streamed reply body.
  /// - Parameter body: The 2xx response body.
  /// - Returns: The reply.
  /// - Throws: ``ProviderError/malformedReply(message:)`` if the body is not a reply.
  func decode(body: [UInt8]) throws(ProviderError) -> DecodedReply

  /// Classifies an error response.
  /// - Parameters:
  ///   - status: The non-2xx status.
  ///   - headers: The response headers.
  ///   - body: The response body.
  /// - Returns: The classified error.
  func error(status: Int, headers: [(name: String, value: String)], body: [UInt8])
    -> ProviderError
}

/// Turns a stream of Server-Sent Events into a reply, one event at a time.
package protocol ReplyStreamDecoder {
  /// Applies one event.
  /// - Parameter event: The next event.
  /// - Returns: The reply text this event added (empty for most bookkeeping events).
  /// - Throws: ``ProviderError`` for malformed events or an error the server sent in the stream.
  mutating func decode(_ event: ServerSentEvent) throws(ProviderError) -> String

  /// Whether the protocol's final event has arrived (`[DONE]`, `message_stop`).
  var isComplete: Bool { get }

  /// The reply so far.
  var reply: DecodedReply { get }
}

/// A reply as the wire carried it, before timings are attached.
package struct DecodedReply: Sendable, Equatable {
  /// The text.
  package var text: String = ""
  /// Why it ended, once known.
  package var finishReason: ChatResponse.FinishReason?
  /// The model id the server reported.
  package var model: String?
  /// The tokens, as far as reported.
  package var usage: Usage = .zero

  /// Creates a reply.
  package init(
    text: String = "", finishReason: ChatResponse.FinishReason? = nil, model: String? = nil,
    usage: Usage = .zero
  ) {
    self.text = text
    self.finishReason = finishReason
    self.model = model
    self.usage = usage
  }
}

extension Tier.API {
  /// The codec for this protocol.
  package var provider: any ModelProvider {
    switch self {
    case .openai: OpenAIChat()
    case .anthropic: AnthropicMessages()
    }
  }
}
