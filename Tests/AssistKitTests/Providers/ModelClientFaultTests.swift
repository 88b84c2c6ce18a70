import AssistKit
import AssistTesting
import HTTP
import Testing

/// Server faults on a real loopback socket through the real curl transport: each ends in the right
/// classified error or a successful retry, and leaves no transfer or connection behind.
@Suite struct ModelClientFaultTests {
  private let basic = "anthropic_sse/basic_response.txt"
  private let openAIStream =
    "openai_sse/83b060bae42eb41c4f1edbb7c1542b954b37d9dfd1910b964ddebc9677e6ae85.bin"

  private func endpoint(_ server: LoopbackServer, _ api: Tier.API = .openai) -> EndpointSpec {
    EndpointSpec(baseURL: server.url, api: api, model: "m")
  }

  private func expectClean(_ server: LoopbackServer, _ transport: CurlTransport) async {
    #expect(await server.waitUntilIdle())
    for _ in 0..<200 where transport.liveTransfers > 0 {
      try? await Task.sleep(for: .milliseconds(10))
    }
    #expect(transport.liveTransfers == 0)
  }

  private func call(
    _ client: ModelClient, _ endpoints: [EndpointSpec]
  ) async -> ProviderError? {
    do {
      _ = try await client.complete(helloRequest, endpoints: endpoints)
      Issue.record("the call succeeded")
      return nil
    } catch let error as ProviderError {
      return error
    } catch {
      Issue.record("unexpected \(error)")
      return nil
    }
  }

  @Test func aRefusedConnectionIsUnreachableAfterItsRetries() async throws {
    let transport = try CurlTransport()
    let clock = RecordingClock()
    let dead = EndpointSpec(baseURL: "http://127.0.0.1:9", api: .openai, model: "m")
    let error = await call(loopbackClient(transport, clock: clock), [dead])
    guard case .unreachable = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(clock.sleeps == [.milliseconds(10), .milliseconds(20)])
  }

  @Test func aServerThatHangsBeforeHeadersTimesOut() async throws {
    let server = try LoopbackServer(replies: [.hangBeforeHeaders])
    let transport = try CurlTransport()
    let once = RetryPolicy(maxAttempts: 1)
    let error = await call(loopbackClient(transport, retry: once), [endpoint(server)])
    guard case .timeout = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    await expectClean(server, transport)
  }

  @Test func aStreamThatStallsMidWayKeepsWhatArrived() async throws {
    let head = Array(try fixture(openAIStream).prefix(700))
    let server = try LoopbackServer(replies: [.stream([head], ending: .hang)])
    let transport = try CurlTransport()
    let error = await call(loopbackClient(transport), [endpoint(server)])
    guard case .streamInterrupted(let partial, let message) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(partial == "Foo")
    #expect(message.contains("no data received"))
    #expect(server.requests.count == 1)
    await expectClean(server, transport)
  }

  @Test(arguments: [LoopbackReply.Ending.close, .complete])
  func aStreamCutMidEventKeepsWhatArrived(_ ending: LoopbackReply.Ending) async throws {
    let bytes = try fixture(basic)
    let cut = bytes.firstRange(of: Array("\" there".utf8))?.lowerBound ?? 0
    let server = try LoopbackServer(replies: [.stream([Array(bytes[..<cut])], ending: ending)])
    let transport = try CurlTransport()
    let error = await call(loopbackClient(transport), [endpoint(server, .anthropic)])
    guard case .streamInterrupted(let partial, _) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(partial == "Hello")
    await expectClean(server, transport)
  }

  @Test func malformedJSONInTheStreamIsAMalformedReply() async throws {
    let server = try LoopbackServer(replies: [
      .stream([Array("data: {\"choices\": [oops}\n\n".utf8)])
    ])
    let transport = try CurlTransport()
    let error = await call(loopbackClient(transport), [endpoint(server)])
    guard case .malformedReply = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(server.requests.count == 1)
  }

  @Test func rateLimitWaitsForRetryAfterThenSucceeds() async throws {
    let server = try LoopbackServer(replies: [
      .json(status: 429, headers: [("Retry-After", "3")], #"{"error":{"message":"slow down"}}"#),
      .stream([try fixture(openAIStream)]),
    ])
    let transport = try CurlTransport()
    let clock = RecordingClock()
    let response = try await loopbackClient(transport, clock: clock).complete(
      helloRequest, endpoints: [endpoint(server)])
    #expect(response.text == "Foo!")
    #expect(response.attempts == 2)
    #expect(clock.sleeps == [.seconds(3)])
    #expect(response.timings.queueWait >= .seconds(3))
    await expectClean(server, transport)
  }

  @Test func aRetryAfterBeyondTheLimitFailsOverInsteadOfWaiting() async throws {
    let limited = try LoopbackServer(replies: [
      .json(status: 429, headers: [("Retry-After", "3600")], #"{"error":"quota"}"#)
    ])
    let healthy = try LoopbackServer(replies: [.stream([try fixture(openAIStream)])])
    let transport = try CurlTransport()
    let clock = RecordingClock()
    let response = try await loopbackClient(transport, clock: clock).complete(
      helloRequest, endpoints: [endpoint(limited), endpoint(healthy)])
    #expect(response.text == "Foo!")
    #expect(response.endpoint == endpoint(healthy).description)
    #expect(clock.sleeps.isEmpty)
    #expect(limited.requests.count == 1)
  }

  @Test func aServerErrorThenSuccessIsRetriedWithBackoff() async throws {
    let server = try LoopbackServer(replies: [
      .json(status: 500, #"{"error":{"message":"boom"}}"#),
      .stream(LoopbackReply.split(try fixture(basic), every: 50)),
    ])
    let transport = try CurlTransport()
    let clock = RecordingClock()
    let response = try await loopbackClient(transport, clock: clock).complete(
      helloRequest, endpoints: [endpoint(server, .anthropic)])
    #expect(response.text == "Hello there!")
    #expect(response.attempts == 2)
    #expect(clock.sleeps == [.milliseconds(10)])
    await expectClean(server, transport)
  }

  @Test func unauthorizedIsNotRetriedAndNeverShowsTheKey() async throws {
    let key = "sk-secret-0123456789"
    let server = try LoopbackServer(replies: [
      .json(status: 401, #"{"error":{"message":"Incorrect API key provided: \#(key)"}}"#)
    ])
    let transport = try CurlTransport()
    let spec = EndpointSpec(
      baseURL: server.url, api: .openai, model: "m", apiKeyEnvironment: "TEST_KEY")
    let client = loopbackClient(transport, variables: ["TEST_KEY": key])
    let error = await call(client, [spec])
    guard case .auth(401, let message) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(server.requests.count == 1)
    #expect(server.requests.first?.header("authorization") == "Bearer \(key)")
    var dumped = ""
    dump(client, to: &dumped)
    for text in [message, String(describing: error), spec.description, "\(client)", dumped] {
      #expect(!text.contains(key), "\(text)")
    }
    #expect(message.contains("[redacted]"))
  }

  @Test func aContextOverflowIsThrownAtOnce() async throws {
    let server = try LoopbackServer(replies: [
      .json(
        status: 400,
        #"{"error":{"code":400,"message":"the request exceeds the available context size","type":"exceed_context_size_error"}}"#
      )
    ])
    let transport = try CurlTransport()
    let error = await call(loopbackClient(transport), [endpoint(server)])
    guard case .contextTooLong = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(server.requests.count == 1)
  }

  @Test func repeatedFailuresBenchTheEndpointUntilTheCooldownEnds() async throws {
    let server = try LoopbackServer(replies: [.json(status: 503, #"{"error":"down"}"#)])
    let transport = try CurlTransport()
    let clock = RecordingClock()
    let health = EndpointHealth(clock: clock, failuresBeforeCooldown: 2, cooldown: .seconds(30))
    let client = ModelClient(
      transport: transport, variables: [:], clock: clock, retry: quickRetry,
      timeouts: loopbackTimeouts, health: health)
    for _ in 0..<2 {
      guard case .server(503, _, _) = await call(client, [endpoint(server)]) else {
        Issue.record("expected a server error")
        return
      }
    }
    #expect(server.requests.count == 6)
    guard case .coolingDown(let remaining) = await call(client, [endpoint(server)]) else {
      Issue.record("expected the endpoint to be benched")
      return
    }
    #expect(remaining > .zero && remaining <= .seconds(30))
    #expect(server.requests.count == 6)
    clock.advance(by: .seconds(31))
    _ = await call(client, [endpoint(server)])
    #expect(server.requests.count == 9)
  }

  @Test func aSuccessClearsTheFailureCount() async throws {
    let server = try LoopbackServer(replies: [
      .json(status: 500, #"{"error":"x"}"#), .json(status: 500, #"{"error":"x"}"#),
      .json(status: 500, #"{"error":"x"}"#), .stream([try fixture(openAIStream)]),
      .json(status: 500, #"{"error":"x"}"#),
    ])
    let transport = try CurlTransport()
    let clock = RecordingClock()
    let health = EndpointHealth(clock: clock, failuresBeforeCooldown: 2, cooldown: .seconds(30))
    let client = ModelClient(
      transport: transport, variables: [:], clock: clock, retry: quickRetry,
      timeouts: loopbackTimeouts, health: health)
    _ = await call(client, [endpoint(server)])  // three 500s: one failure
    let response = try await client.complete(helloRequest, endpoints: [endpoint(server)])
    #expect(response.text == "Foo!")
    _ = await call(client, [endpoint(server)])  // one failure again, not two: not benched
    #expect(await health.remainingCooldown(endpoint(server)) == nil)
  }

  @Test func failsOverToTheNextEndpoint() async throws {
    let broken = try LoopbackServer(replies: [.json(status: 502, #"{"error":"bad gateway"}"#)])
    let healthy = try LoopbackServer(replies: [.stream([try fixture(basic)])])
    let transport = try CurlTransport()
    let response = try await loopbackClient(transport).complete(
      helloRequest, endpoints: [endpoint(broken, .anthropic), endpoint(healthy, .anthropic)])
    #expect(response.text == "Hello there!")
    #expect(response.attempts == 4)
    #expect(broken.requests.count == 3)
  }

  @Test func cancellingTheCallStopsTheTransfer() async throws {
    let server = try LoopbackServer(replies: [.hangBeforeHeaders])
    let transport = try CurlTransport()
    let client = ModelClient(
      transport: transport, variables: [:],
      timeouts: HTTPTimeouts(connect: .seconds(5), stall: .seconds(60), total: nil))
    let task = Task { try await client.complete(helloRequest, endpoints: [endpoint(server)]) }
    while server.requests.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
    task.cancel()
    let result = await task.result
    #expect(throws: CancellationError.self) { try result.get() }
    await expectClean(server, transport)
  }
}
