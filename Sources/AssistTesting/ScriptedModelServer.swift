import Foundation

/// A real HTTP server on loopback that answers OpenAI `/v1/chat/completions` calls with scripted
/// replies, streamed the way llama.cpp streams them (SSE deltas, then a usage chunk, then
/// `[DONE]`). One reply per connection, in order; the last repeats.
///
/// For testing the coordinator's loop (reflect, escalate, verify) with replies chosen to be
/// malformed or right; the live end-to-end tests use the real bundled models instead.
package final class ScriptedModelServer: Sendable {
  private let server: LoopbackServer

  /// The base URL to put in a tier's `endpoints`.
  package var url: String { server.url }
  /// Requests received so far.
  package var requests: [LoopbackServer.Request] { server.requests }

  /// Starts serving `replies`.
  /// - Parameters:
  ///   - replies: Reply texts, one per call.
  ///   - promptTokens: Reported prompt tokens per call.
  package init(replies: [String], promptTokens: Int = 400) throws {
    server = try LoopbackServer(
      replies: replies.map { Self.reply($0, promptTokens: promptTokens) })
  }

  /// The last request's messages, decoded.
  package func messages(ofRequest index: Int) -> [[String: String]] {
    guard index < requests.count,
      let object = try? JSONSerialization.jsonObject(with: Data(requests[index].body))
        as? [String: Any],
      let messages = object["messages"] as? [[String: Any]]
    else { return [] }
    return messages.map { m in m.compactMapValues { $0 as? String } }
  }

  /// One reply streamed the way llama.cpp streams it, for a ``LoopbackServer`` that mixes model
  /// replies with faults.
  /// - Parameters:
  ///   - text: The reply text.
  ///   - promptTokens: Reported prompt tokens.
  /// - Returns: The scripted connection.
  package static func reply(_ text: String, promptTokens: Int = 400) -> LoopbackReply {
    var events: [String] = []
    let pieces = stride(from: 0, to: text.count, by: 24).map { offset -> String in
      let start = text.index(text.startIndex, offsetBy: offset)
      let end = text.index(start, offsetBy: min(24, text.count - offset))
      return String(text[start..<end])
    }
    func chunk(_ delta: [String: Any], finish: String? = nil) -> String {
      var choice: [String: Any] = ["index": 0, "delta": delta]
      choice["finish_reason"] = finish ?? NSNull()
      let object: [String: Any] = [
        "id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 1, "model": "scripted",
        "choices": [choice],
      ]
      let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
      return "data: " + String(decoding: data, as: UTF8.self) + "\n\n"
    }
    events.append(chunk(["role": "assistant", "content": ""]))
    for piece in pieces { events.append(chunk(["content": piece])) }
    events.append(chunk([:], finish: "stop"))
    let completion = max(1, text.utf8.count / 4)
    let usage: [String: Any] = [
      "id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 1, "model": "scripted",
      "choices": [],
      "usage": [
        "prompt_tokens": promptTokens, "completion_tokens": completion,
        "total_tokens": promptTokens + completion,
      ],
    ]
    let usageData = (try? JSONSerialization.data(withJSONObject: usage)) ?? Data()
    events.append("data: " + String(decoding: usageData, as: UTF8.self) + "\n\n")
    events.append("data: [DONE]\n\n")
    return .stream(events.map { Array($0.utf8) })
  }
}
