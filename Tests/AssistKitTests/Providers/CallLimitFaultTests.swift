import AssistKit
import AssistTesting
import HTTP
import Testing

/// Replies that would hang or swamp a run, on a real loopback socket through the real curl
/// transport: each is cut off by the call's limits (``CallLimits``) with a one-line reason, is not
/// retried, and leaves no transfer or connection behind.
@Suite struct CallLimitFaultTests {
  /// One OpenAI chunk event carrying `text`.
  private func event(_ text: String) -> [UInt8] {
    Array("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\(text)\"}}]}\n\n".utf8)
  }

  private func client(_ transport: CurlTransport) -> ModelClient {
    ModelClient(
      transport: transport, variables: [:], clock: ContinuousClock(), retry: quickRetry,
      timeouts: HTTPTimeouts(connect: .seconds(2), stall: .seconds(30), total: nil))
  }

  private func call(
    _ client: ModelClient, _ server: LoopbackServer, limits: CallLimits,
    check: ModelClient.ReplyCheck? = nil
  ) async -> ProviderError? {
    do {
      _ = try await client.complete(
        helloRequest, endpoints: [EndpointSpec(baseURL: server.url, api: .openai, model: "m")],
        limits: limits, check: check)
      Issue.record("the call succeeded")
      return nil
    } catch let error as ProviderError {
      return error
    } catch {
      Issue.record("unexpected \(error)")
      return nil
    }
  }

  private func expectClean(_ server: LoopbackServer, _ transport: CurlTransport) async {
    #expect(await server.waitUntilIdle())
    for _ in 0..<200 where transport.liveTransfers > 0 {
      try? await Task.sleep(for: .milliseconds(10))
    }
    #expect(transport.liveTransfers == 0)
  }

  private func limits(wallClock: Duration = .seconds(30), tokens: Int = 1000) -> CallLimits {
    CallLimits(
      wallClock: wallClock, maxReplyTokens: tokens, maxReplyBytes: tokens * 16, label: "test-tier")
  }

  @Test func aStreamThatSendsAChunkASecondForeverIsCutOffAtTheWallClock() async throws {
    let endless = Array(repeating: event("tick "), count: 600)
    let server = try LoopbackServer(replies: [.stream(endless, delay: .seconds(1))])
    let transport = try CurlTransport()
    let error = await call(client(transport), server, limits: limits(wallClock: .seconds(3)))
    guard case .cutOff(let partial, let reason) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(partial.hasPrefix("tick "))
    #expect(reason.contains("3.0s limit (test-tier)"))
    #expect(!String(describing: error!).contains("\n"))
    #expect(server.requests.count == 1)
    await expectClean(server, transport)
  }

  @Test func aServerThatStallsBeforeTheFirstByteIsCutOffWithoutRetries() async throws {
    let server = try LoopbackServer(replies: [.hangBeforeHeaders])
    let transport = try CurlTransport()
    let error = await call(client(transport), server, limits: limits(wallClock: .seconds(2)))
    guard case .cutOff(let partial, let reason) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(partial.isEmpty)
    #expect(reason.contains("2.0s limit"))
    #expect(server.requests.count == 1)
    await expectClean(server, transport)
  }

  @Test func aStreamThatFloodsPastTheTokenCapIsCutOff() async throws {
    let flood = Array(repeating: event("x"), count: 5000)
    let server = try LoopbackServer(replies: [.stream(flood)])
    let transport = try CurlTransport()
    let error = await call(client(transport), server, limits: limits(tokens: 40))
    guard case .cutOff(let partial, let reason) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    // Cut at the first piece past the cap: 40 allowed, the 41st ends the transfer.
    #expect(partial.count == 41)
    #expect(reason.contains("passed 40 tokens"))
    await expectClean(server, transport)
  }

  @Test func oneHugeEventThatNeverEndsIsCutOffByItsBytes() async throws {
    let opening = Array("data: {\"choices\":[{\"delta\":{\"content\":\"".utf8)
    let flood =
      [opening] + Array(repeating: Array(repeating: UInt8(ascii: "a"), count: 8192), count: 400)
    let server = try LoopbackServer(replies: [.stream(flood, ending: .hang)])
    let transport = try CurlTransport()
    let error = await call(client(transport), server, limits: limits(tokens: 100))
    guard case .cutOff(_, let reason) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(reason.contains("the stream passed"))
    await expectClean(server, transport)
  }

  @Test func anHTMLPageInsteadOfAReplyIsAMalformedReplyOnOneLine() async throws {
    let page = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body>\n</html>\n"
    let server = try LoopbackServer(replies: [
      .response(
        status: 200, headers: [(name: "Content-Type", value: "text/html")], body: Array(page.utf8))
    ])
    let transport = try CurlTransport()
    let error = await call(client(transport), server, limits: limits())
    guard case .malformedReply(let message) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(message.contains("<html>"))
    #expect(!message.contains("\n"))
    await expectClean(server, transport)
  }

  @Test func anHTMLFloodPastTheByteCapIsCutOff() async throws {
    let page = Array(repeating: UInt8(ascii: "<"), count: 200_000)
    let server = try LoopbackServer(replies: [
      .response(status: 200, headers: [(name: "Content-Type", value: "text/html")], body: page)
    ])
    let transport = try CurlTransport()
    let error = await call(client(transport), server, limits: limits(tokens: 100))
    guard case .cutOff(_, let reason) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(reason.contains("reply body passed 1600 bytes"))
    await expectClean(server, transport)
  }

  @Test func aReplyTheFormatAlreadyRefusesIsCutOffBeforeItEnds() async throws {
    let lines = ["```\\n", "x = 1\\n", "y = 2\\n"] + Array(repeating: "z = 3\\n", count: 300)
    let server = try LoopbackServer(replies: [
      .stream(lines.map(event), delay: .milliseconds(5))
    ])
    let transport = try CurlTransport()
    let whole = WholeFileFormat()
    let error = await call(
      client(transport), server, limits: limits(),
      check: { whole.earlyProblem(partial: $0, defaultPath: nil) })
    guard case .cutOff(let partial, let reason) = error else {
      Issue.record("got \(String(describing: error))")
      return
    }
    #expect(reason.contains("no file path"))
    #expect(partial.count < 40)
    await expectClean(server, transport)
  }
}
