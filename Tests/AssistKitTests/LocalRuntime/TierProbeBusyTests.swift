import AssistKit
import AssistTesting
import HTTP
import Testing

/// `assist models --probe` against a bundled server that is busy: reported busy from its metrics
/// without queueing a request behind the others, and a probe that gets no reply is busy too,
/// never a failure of the whole command.
@Suite struct TierProbeBusyTests {
  private func environment() throws -> Environment {
    Environment(
      variables: [:], transport: try CurlTransport(),
      paths: AssistPaths(variables: ["HOME": "/nonexistent"], installDirectory: "/opt/assist"))
  }

  private func tier(_ server: LoopbackServer) -> Tier {
    Tier(
      name: "local-medium", model: "m", endpoints: [server.url],
      local: .init(modelFile: "m.gguf", port: server.port))
  }

  @Test func aServerWithQueuedRequestsIsBusyAndNotProbed() async throws {
    let metrics = "llamacpp:requests_processing 1\nllamacpp:requests_deferred 3\n"
    let server = try LoopbackServer(replies: [
      .response(status: 200, body: Array(metrics.utf8))
    ])
    let outcome = await TierProbe.check(tier: tier(server), environment: try environment())
    #expect(outcome == .busy("1/1 slot busy, 3 queued"))
    #expect(server.requests.map(\.path) == ["/metrics"])
  }

  @Test func anIdleServerIsProbed() async throws {
    let metrics = "llamacpp:requests_processing 0\nllamacpp:requests_deferred 0\n"
    let reply = #"{"choices":[{"index":0,"message":{"content":"ok"},"finish_reason":"stop"}]}"#
    let server = try LoopbackServer(replies: [
      .response(status: 200, body: Array(metrics.utf8)), .json(reply),
    ])
    let outcome = await TierProbe.check(tier: tier(server), environment: try environment())
    guard case .measured = outcome else {
      Issue.record("got \(outcome)")
      return
    }
    #expect(server.requests.map(\.path) == ["/metrics", "/v1/chat/completions"])
  }

  @Test func aServerWithoutMetricsThatNeverAnswersIsBusyNotAnError() async throws {
    let server = try LoopbackServer(replies: [.response(status: 404), .hangBeforeHeaders])
    let outcome = await TierProbe.check(
      tier: tier(server), environment: try environment(), limit: .seconds(2))
    #expect(outcome == .busy("no reply within 2 s"))
    #expect(server.requests.map(\.path) == ["/metrics", "/v1/chat/completions"])
  }

  @Test func anUnreachableTierIsAFailureOnOneLine() async throws {
    let dead = Tier(name: "local-medium", model: "m", endpoints: ["http://127.0.0.1:9"])
    let outcome = await TierProbe.check(tier: dead, environment: try environment())
    guard case .failed(let why) = outcome else {
      Issue.record("got \(outcome)")
      return
    }
    #expect(why.contains("unreachable"))
    #expect(!why.contains("\n"))
  }
}
