import AssistKit
import Foundation
import HTTP
import Testing

@Suite struct ProviderCodecTests {
  private let local = EndpointSpec(baseURL: "http://127.0.0.1:8080/", api: .openai, model: "qwen")

  @Test func openAIStreamingRequestAsksForUsageAndSendsTheKey() throws {
    let request = try OpenAIChat().encode(helloRequest, for: local, apiKey: "sk-test")
    #expect(request.method == "POST")
    #expect(request.url == "http://127.0.0.1:8080/v1/chat/completions")
    #expect(request.headers.contains { $0.name == "Authorization" && $0.value == "Bearer sk-test" })
    let body = try jsonBody(request)
    #expect(body["model"] as? String == "qwen")
    #expect(body["stream"] as? Bool == true)
    #expect((body["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
    #expect(body["max_tokens"] as? Int == 16)
    let messages = try #require(body["messages"] as? [[String: String]])
    #expect(
      messages == [
        ["role": "system", "content": "Be brief."], ["role": "user", "content": "Say hello."],
      ])
    #expect(body["response_format"] == nil)
  }

  @Test func openAIWithoutAKeySendsNoAuthorizationAndNonStreamingHasNoStreamOptions() throws {
    var plain = helloRequest
    plain.stream = false
    let request = try OpenAIChat().encode(plain, for: local, apiKey: nil)
    #expect(!request.headers.contains { $0.name == "Authorization" })
    #expect(try jsonBody(request)["stream_options"] == nil)
  }

  @Test func openAIResponseFormats() throws {
    var request = helloRequest
    request.responseFormat = .jsonObject
    let object = try jsonBody(OpenAIChat().encode(request, for: local, apiKey: nil))
    #expect((object["response_format"] as? [String: Any])?["type"] as? String == "json_object")

    request.responseFormat = .jsonSchema(name: "plan", schema: #"{"type":"object"}"#)
    let schema = try jsonBody(OpenAIChat().encode(request, for: local, apiKey: nil))
    let format = try #require(schema["response_format"] as? [String: Any])
    let inner = try #require(format["json_schema"] as? [String: Any])
    #expect(format["type"] as? String == "json_schema")
    #expect(inner["name"] as? String == "plan")
    #expect((inner["schema"] as? [String: Any])?["type"] as? String == "object")

    request.responseFormat = .jsonSchema(name: "bad", schema: "{not json")
    #expect(throws: ProviderError.self) {
      _ = try OpenAIChat().encode(request, for: local, apiKey: nil)
    }
  }

  @Test func anthropicRequestMovesSystemOutAndCachesItWhenAsked() throws {
    let endpoint = EndpointSpec.anthropic(model: "claude-x")
    var request = helloRequest
    request.cacheSystemPrompt = true
    request.maxTokens = nil
    request.stop = ["END"]
    let http = try AnthropicMessages().encode(request, for: endpoint, apiKey: "key-123")
    #expect(http.url == "https://api.anthropic.com/v1/messages")
    #expect(http.headers.contains { $0.name == "anthropic-version" && $0.value == "2023-06-01" })
    #expect(http.headers.contains { $0.name == "x-api-key" && $0.value == "key-123" })
    let body = try jsonBody(http)
    #expect(body["max_tokens"] as? Int == AnthropicMessages.defaultMaxTokens)
    #expect(body["stop_sequences"] as? [String] == ["END"])
    let messages = try #require(body["messages"] as? [[String: String]])
    #expect(messages == [["role": "user", "content": "Say hello."]])
    let system = try #require(body["system"] as? [[String: Any]])
    #expect(system.first?["text"] as? String == "Be brief.")
    #expect((system.first?["cache_control"] as? [String: String]) == ["type": "ephemeral"])

    request.cacheSystemPrompt = false
    let plain = try jsonBody(AnthropicMessages().encode(request, for: endpoint, apiKey: nil))
    #expect(plain["system"] as? String == "Be brief.")
  }

  @Test func urlsJoinWithoutDoublingSlashesOrV1() {
    #expect(
      EndpointSpec(baseURL: "https://openrouter.ai/api/v1", api: .openai, model: "m")
        .url("/v1/chat/completions") == "https://openrouter.ai/api/v1/chat/completions")
    #expect(local.url("/v1/messages") == "http://127.0.0.1:8080/v1/messages")
  }

  @Test func openAIWholeReplyDecodes() throws {
    let body =
      #"{"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":2,"prompt_tokens_details":{"cached_tokens":4}}}"#
    let reply = try OpenAIChat().decode(body: Array(body.utf8))
    #expect(reply.text == "hi")
    #expect(reply.finishReason == .stop)
    #expect(reply.usage == Usage(inputTokens: 6, outputTokens: 2, cacheReadTokens: 4))
    #expect(throws: ProviderError.self) {
      _ = try OpenAIChat().decode(body: Array("{\"choices\":[]}".utf8))
    }
    #expect(throws: ProviderError.self) { _ = try OpenAIChat().decode(body: Array("<html>".utf8)) }
  }

  @Test func anthropicWholeReplyDecodesCacheAccounting() throws {
    let body =
      #"{"type":"message","model":"c","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}],"stop_reason":"max_tokens","usage":{"input_tokens":5,"cache_creation_input_tokens":100,"cache_read_input_tokens":900,"output_tokens":7}}"#
    let reply = try AnthropicMessages().decode(body: Array(body.utf8))
    #expect(reply.text == "ab")
    #expect(reply.finishReason == .length)
    #expect(
      reply.usage
        == Usage(inputTokens: 105, outputTokens: 7, cacheReadTokens: 900, cacheWriteTokens: 100))
    #expect(reply.usage.promptTokens == 1005)
  }

  @Test func anthropicStreamErrorEventIsClassified() throws {
    var decoder = AnthropicMessages().makeStreamDecoder()
    let event = ServerSentEvent(
      event: "error",
      data: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
    #expect(throws: ProviderError.server(status: 529, retryAfter: nil, message: "Overloaded")) {
      _ = try decoder.decode(event)
    }
  }

  @Test(arguments: [
    (
      401, "{\"error\":{\"message\":\"bad key\"}}",
      ProviderError.auth(status: 401, message: "bad key")
    ),
    (429, "{\"error\":\"slow\"}", .rateLimited(retryAfter: .seconds(2), message: "slow")),
    (
      400, "{\"error\":{\"code\":\"context_length_exceeded\",\"message\":\"too big\"}}",
      .contextTooLong(message: "too big")
    ),
    (
      400,
      "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 300000 tokens > 200000 maximum\"}}",
      .contextTooLong(message: "prompt is too long: 300000 tokens > 200000 maximum")
    ),
    (
      400,
      "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size, try increasing it\",\"type\":\"exceed_context_size_error\"}}",
      .contextTooLong(message: "the request exceeds the available context size, try increasing it")
    ),
    (
      400, "{\"error\":{\"message\":\"bad field\"}}", .badRequest(status: 400, message: "bad field")
    ),
    (
      503, "<html>\nbusy</html>",
      .server(status: 503, retryAfter: .seconds(2), message: "<html> busy</html>")
    ),
  ])
  func errorResponsesAreClassified(status: Int, body: String, expected: ProviderError) {
    let error = ProviderError.classify(
      status: status, headers: [("Retry-After", "2")], body: Array(body.utf8))
    #expect(error == expected)
  }

  @Test func retryAfterAcceptsMillisecondsAndHTTPDates() {
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    let date = "Tue, 14 Nov 2023 22:13:50 GMT"  // now + 30 s
    #expect(
      ProviderError.classify(status: 429, headers: [("Retry-After", date)], body: [], now: now)
        .retryAfter
        == .seconds(30))
    #expect(
      ProviderError.classify(status: 429, headers: [("retry-after-ms", "250")], body: []).retryAfter
        == .milliseconds(250))
  }

  @Test func missingKeyVariableIsAnAuthErrorNamingOnlyTheVariable() throws {
    let endpoint = EndpointSpec.openAI(model: "gpt")
    #expect(
      throws: ProviderError.auth(
        status: 0, message: "environment variable OPENAI_API_KEY is not set")
    ) {
      _ = try endpoint.apiKey(in: [:])
    }
    #expect(try endpoint.apiKey(in: ["OPENAI_API_KEY": "k"]) == "k")
    #expect(try local.apiKey(in: ["OPENAI_API_KEY": "k"]) == nil)
  }

  @Test func endpointsComeFromATierInOrder() {
    let tier = Tier(
      name: "cloud", api: .anthropic, model: "c", endpoints: ["https://a", "https://b"],
      apiKeyEnvironment: "MY_KEY")
    let endpoints = EndpointSpec.endpoints(of: tier)
    #expect(endpoints.map(\.baseURL) == ["https://a", "https://b"])
    #expect(endpoints.allSatisfy { $0.apiKeyEnvironment == "MY_KEY" && $0.api == .anthropic })
  }
}
