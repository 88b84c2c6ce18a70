import AssistKit
import AssistTesting
import HTTP
import Synchronization
import Testing

/// The recorded OpenAI and Anthropic streams, served over loopback in small chunks and decoded
/// through the real curl transport and ``ModelClient``. Expected values were computed from the
/// fixtures independently (a Python reading of the same events).
@Suite struct FixtureReplayTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var file: String
    var api: Tier.API
    var text: String?
    var textLength: Int
    var finish: ChatResponse.FinishReason
    var usage: Usage
    var testDescription: String { file }
  }

  static let cases: [Case] = [
    Case(
      file: "anthropic_sse/basic_response.txt", api: .anthropic, text: "Hello there!",
      textLength: 12, finish: .stop, usage: Usage(inputTokens: 11, outputTokens: 6)),
    Case(
      file: "anthropic_sse/compaction_response.txt", api: .anthropic, text: "Hello there!",
      textLength: 12, finish: .stop, usage: Usage(inputTokens: 30, outputTokens: 8)),
    Case(
      file: "anthropic_sse/fallback_credit_response.txt", api: .anthropic, text: "Hello there!",
      textLength: 12, finish: .stop, usage: Usage(inputTokens: 25, outputTokens: 8)),
    Case(
      file: "anthropic_sse/fallback_response.txt", api: .anthropic, text: "Hello there!",
      textLength: 12, finish: .stop, usage: Usage(inputTokens: 25, outputTokens: 8)),
    Case(
      file: "anthropic_sse/incomplete_partial_json_response.txt", api: .anthropic, text: nil,
      textLength: 135, finish: .length, usage: Usage(inputTokens: 450, outputTokens: 124)),
    Case(
      file: "anthropic_sse/refusal_response.txt", api: .anthropic, text: "", textLength: 0,
      finish: .refusal, usage: Usage(inputTokens: 20, outputTokens: 0)),
    Case(
      file: "anthropic_sse/tool_use_response.txt", api: .anthropic,
      text: "I'll check the current weather in Paris for you.", textLength: 48, finish: .toolUse,
      usage: Usage(inputTokens: 377, outputTokens: 65)),
    Case(
      file: "openai_sse/173417d553406f034f643e5db3f8d591fb691ebac56f5ae39a22cc7d455c5353.bin",
      api: .openai, text: "I'm sorry, I can't assist with that request.", textLength: 44,
      finish: .stop, usage: Usage(inputTokens: 79, outputTokens: 11)),
    Case(
      file: "openai_sse/2018feb66ae13fcf5333d61b95849decc68d3f63bd38172889367e1afb1e04f7.bin",
      api: .openai, text: "", textLength: 0, finish: .toolUse,
      usage: Usage(inputTokens: 44, outputTokens: 16)),
    Case(
      file: "openai_sse/4cc50a6135d254573a502310e6af1246f55edb6ad95fa24059f160996b68866d.bin",
      api: .openai, text: "{\"", textLength: 2, finish: .length,
      usage: Usage(inputTokens: 79, outputTokens: 1)),
    Case(
      file: "openai_sse/569c877e69429d4cbc1577d2cd6dd33878095c68badc6b6654a69769b391a1c1.bin",
      api: .openai, text: "I'm very sorry, but I can't assist with that.", textLength: 45,
      finish: .stop, usage: Usage(inputTokens: 79, outputTokens: 12)),
    Case(
      file: "openai_sse/7e5ea4d12e7cc064399b6631415e65923f182256b6e6b752950a3aaa2ad2320a.bin",
      api: .openai, text: "{\"city\":\"San Francisco\",\"temperature\":61,\"units\":\"f\"}",
      textLength: 53, finish: .stop, usage: Usage(inputTokens: 79, outputTokens: 14)),
    Case(
      file: "openai_sse/83b060bae42eb41c4f1edbb7c1542b954b37d9dfd1910b964ddebc9677e6ae85.bin",
      api: .openai, text: "Foo!", textLength: 4, finish: .stop,
      usage: Usage(inputTokens: 9, outputTokens: 2)),
    Case(
      file: "openai_sse/a247c49c5fcd492bfb7a02a3306ad615ed8d8f649888ebfddfbc3ee151f44d46.bin",
      api: .openai, text: "", textLength: 0, finish: .toolUse,
      usage: Usage(inputTokens: 48, outputTokens: 19)),
    Case(
      file: "openai_sse/a491adda08c3d4fde95f5b2ee3f60f7f745f1a56d82e62f58031cc2add502380.bin",
      api: .openai, text: "{\"city\":\"San Francisco\",\"temperature\":65,\"units\":\"f\"}",
      textLength: 53, finish: .stop, usage: Usage(inputTokens: 79, outputTokens: 42)),
    Case(
      file: "openai_sse/c6aa7e397b7123c3501f25df3a05d4daf7e8ad6d61ffa406ab5361fe36a8d5b1.bin",
      api: .openai, text: "", textLength: 0, finish: .toolUse,
      usage: Usage(inputTokens: 76, outputTokens: 24)),
    Case(
      file: "openai_sse/d615580118391ee13492193e3a8bb74642d23ac1ca13fe37cb6e889b66f759f6.bin",
      api: .openai, text: nil, textLength: 608, finish: .stop,
      usage: Usage(inputTokens: 19, outputTokens: 177)),
    Case(
      file: "openai_sse/e2aad469b71d1d4894ff833ea147020a9d875eb7ce644a0ff355581690a4cbfd.bin",
      api: .openai,
      text:
        "I'm unable to provide real-time weather updates. To get the current weather in San Francisco, I recommend checking a reliable weather website or a weather app.",
      textLength: 159, finish: .stop, usage: Usage(inputTokens: 14, outputTokens: 30)),
    Case(
      file: "openai_sse/f82268f2fefd5cfbc7eeb59c297688be2f6ca0849a6e4f17851b517310841d9b.bin",
      api: .openai, text: "", textLength: 0, finish: .toolUse,
      usage: Usage(inputTokens: 149, outputTokens: 60)),
  ]

  @Test(arguments: cases)
  func replaysTheRecordedStream(_ expected: Case) async throws {
    let bytes = try fixture(expected.file)
    let server = try LoopbackServer(replies: [.stream(LoopbackReply.split(bytes, every: 97))])
    let transport = try CurlTransport()
    let endpoint = EndpointSpec(baseURL: server.url, api: expected.api, model: "recorded")
    let pieces = Counter()
    // The recordings were made without a reply cap; one here would cut the longer ones off.
    let uncapped = ChatRequest(messages: helloRequest.messages)
    let response = try await loopbackClient(transport).complete(
      uncapped, endpoints: [endpoint], progress: { _ in pieces.increment() })
    if let text = expected.text { #expect(response.text == text) }
    #expect(response.text.count == expected.textLength)
    #expect(response.finishReason == expected.finish)
    #expect(response.usage == expected.usage)
    #expect(response.attempts == 1)
    #expect(response.model?.isEmpty == false)
    #expect((pieces.value > 0) == (expected.textLength > 0))
    let path = expected.api == .openai ? "/v1/chat/completions" : "/v1/messages"
    #expect(server.requests.map(\.path) == [path])
  }
}

/// A thread-safe counter for progress callbacks.
final class Counter: Sendable {
  private let count = Mutex(0)
  var value: Int { count.withLock { $0 } }
  func increment() { count.withLock { $0 += 1 } }
}
