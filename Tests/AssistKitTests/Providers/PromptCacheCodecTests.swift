import AssistKit
import AssistTesting
import Foundation
import HTTP
import Testing

/// The llama.cpp prompt cache on the OpenAI codec: asked for only when the request says so (real
/// OpenAI rejects unknown fields), and the server's processed-vs-cached split read into usage.
@Suite struct PromptCacheCodecTests {
  private let endpoint = EndpointSpec(baseURL: "http://127.0.0.1:1", api: .openai, model: "m")

  @Test func aPlainRequestCarriesNoLlamaCppFields() throws {
    let body = try jsonBody(OpenAIChat().encode(helloRequest, for: endpoint, apiKey: nil))
    #expect(body["cache_prompt"] == nil)
    #expect(body["id_slot"] == nil)
  }

  @Test func aLocalRequestAsksToKeepThePromptInItsSlot() throws {
    var request = helloRequest
    request.keepsPromptCache = true
    var body = try jsonBody(OpenAIChat().encode(request, for: endpoint, apiKey: nil))
    #expect(body["cache_prompt"] as? Bool == true)
    #expect(body["id_slot"] == nil)
    request.slot = 1
    body = try jsonBody(OpenAIChat().encode(request, for: endpoint, apiKey: nil))
    #expect(body["id_slot"] as? Int == 1)
  }

  @Test func llamaCppTimingsSplitThePromptIntoProcessedAndCached() throws {
    let body = #"""
      {"choices":[{"index":0,"message":{"content":"ok"},"finish_reason":"stop"}],
       "usage":{"prompt_tokens":500,"completion_tokens":7},
       "timings":{"prompt_n":40,"cache_n":460,"predicted_n":7}}
      """#
    let reply = try OpenAIChat().decode(body: Array(body.utf8))
    #expect(reply.usage == Usage(inputTokens: 40, outputTokens: 7, cacheReadTokens: 460))
  }

  @Test func aStreamedReplyReadsTheTimingsOfItsLastChunk() throws {
    var decoder = OpenAIChat().makeStreamDecoder()
    let events = [
      #"{"choices":[{"index":0,"delta":{"content":"ok"}}]}"#,
      #"{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"timings":{"prompt_n":12,"cache_n":300}}"#,
      #"{"choices":[],"usage":{"prompt_tokens":312,"completion_tokens":1}}"#,
      "[DONE]",
    ]
    for data in events { _ = try decoder.decode(ServerSentEvent(data: data)) }
    #expect(decoder.reply.usage == Usage(inputTokens: 12, outputTokens: 1, cacheReadTokens: 300))
  }

  @Test func openAICachedTokensStillCountWithoutTimings() throws {
    let body = #"""
      {"choices":[{"index":0,"message":{"content":"ok"}}],
       "usage":{"prompt_tokens":2000,"completion_tokens":3,"prompt_tokens_details":{"cached_tokens":1024}}}
      """#
    let reply = try OpenAIChat().decode(body: Array(body.utf8))
    #expect(reply.usage == Usage(inputTokens: 976, outputTokens: 3, cacheReadTokens: 1024))
  }

  @Test func theMetricsOfABusyServerReadAsFull() {
    let busy = """
      # HELP llamacpp:requests_processing Number of requests processing.
      llamacpp:prompt_tokens_total 2089
      llamacpp:requests_processing 1
      llamacpp:requests_deferred 3
      """
    let status = SlotStatus.parse(metrics: busy, slots: 1)
    #expect(status == SlotStatus(busy: 1, queued: 3, total: 1))
    #expect(status?.isFull == true)
    #expect(status?.description == "1/1 slot busy, 3 queued")
    let idle = "llamacpp:requests_processing 0\nllamacpp:requests_deferred 0\n"
    #expect(SlotStatus.parse(metrics: idle, slots: 2)?.isFull == false)
    #expect(SlotStatus.parse(metrics: "<html>", slots: 1) == nil)
  }

  @Test func theLimitsOfAFreeTierAllowForItsSlowerGeneration() {
    let local = Tier(name: "local-small", model: "m", endpoints: ["http://127.0.0.1:1"])
    let cloud = Tier(
      name: "cloud", model: "m", endpoints: ["https://x"], price: .init(input: 1, output: 1))
    let slow = CallLimits.forCall(
      tier: local, maxTokens: 1000, promptTokens: 2000, format: "whole-file")
    let fast = CallLimits.forCall(tier: cloud, maxTokens: 1000, promptTokens: 2000)
    #expect(slow.wallClock > fast.wallClock)
    #expect(slow.maxReplyTokens >= 1000)
    #expect(slow.label == "local-small, whole-file")
    #expect(CallLimits.defaults(for: ChatRequest(messages: [])).maxReplyTokens >= 4096)
  }
}
