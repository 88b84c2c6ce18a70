import AssistKit
import Foundation
import HTTP
import Testing

/// The live llama.cpp server (`ASSIST_TEST_SERVER_URL`), skipped when it is unset.
private let liveServerURL = ProcessInfo.processInfo.environment["ASSIST_TEST_SERVER_URL"]

/// Real calls through both of the bundled llama.cpp server's APIs, streamed and not, through the
/// real curl transport.
@Suite(.enabled(if: liveServerURL != nil), .serialized)  // one server slot: calls queue anyway
struct ProviderLiveTests {
  private func endpoint(_ api: Tier.API) -> EndpointSpec {
    EndpointSpec(baseURL: liveServerURL ?? "", api: api, model: "qwen2.5-coder-0.5b")
  }

  private func client() throws -> ModelClient {
    ModelClient(
      transport: try CurlTransport(), variables: [:],
      timeouts: HTTPTimeouts(connect: .seconds(5), stall: .seconds(60), total: .seconds(120)))
  }

  @Test(arguments: [Tier.API.openai, .anthropic], [true, false])
  func answersAShortPrompt(api: Tier.API, stream: Bool) async throws {
    var request = ChatRequest(
      messages: [.system("You are terse."), .user("Reply with one word: hello.")], maxTokens: 8,
      temperature: 0)
    request.stream = stream
    let pieces = Counter()
    let response = try await client().complete(
      request, endpoints: [endpoint(api)], progress: { _ in pieces.increment() })
    #expect(!response.text.isEmpty)
    #expect(response.usage.outputTokens > 0 && response.usage.outputTokens <= 8)
    #expect(response.usage.promptTokens > 5)
    #expect([.stop, .length].contains(response.finishReason))
    #expect(response.timings.total >= response.timings.timeToFirstToken)
    #expect((pieces.value > 0) == stream)
    #expect(response.attempts == 1)
  }

  @Test func anthropicEndpointReportsCacheReadsOnARepeatedPrompt() async throws {
    let request = ChatRequest(
      messages: [
        .system("You are a careful assistant who answers in one short sentence."),
        .user("Name a colour."),
      ], maxTokens: 4, temperature: 0, cacheSystemPrompt: true)
    let client = try client()
    _ = try await client.complete(request, endpoints: [endpoint(.anthropic)])
    let second = try await client.complete(request, endpoints: [endpoint(.anthropic)])
    #expect(second.usage.cacheReadTokens > 0)
    #expect(second.usage.promptTokens > second.usage.inputTokens)
  }

  @Test func jsonModeReturnsJSONOnTheOpenAIEndpoint() async throws {
    let request = ChatRequest(
      messages: [.user("Return a JSON object with a key \"ok\" set to true.")], maxTokens: 32,
      temperature: 0, responseFormat: .jsonObject)
    let response = try await client().complete(request, endpoints: [endpoint(.openai)])
    let object = try JSONSerialization.jsonObject(with: Data(response.text.utf8))
    #expect(object is [String: Any])
  }
}
