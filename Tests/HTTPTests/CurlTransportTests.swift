import AssistTesting
import Foundation
import HTTP
import Testing

@Suite struct CurlTransportTests {
  private let fast = HTTPTimeouts(
    connect: .seconds(2), stall: .milliseconds(500), total: .seconds(10))

  /// Waits (briefly, polling) until the transport has released every curl handle.
  private func expectNoLiveTransfers(_ transport: CurlTransport) async {
    for _ in 0..<200 where transport.liveTransfers > 0 {
      try? await Task.sleep(for: .milliseconds(10))
    }
    #expect(transport.liveTransfers == 0)
  }

  @Test func streamsAFileURLWhenAllowed() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "curl-\(UUID().uuidString).bin")
    let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    try Data(bytes).write(to: path)
    defer { try? FileManager.default.removeItem(at: path) }
    let transport = try CurlTransport(allowFileURLs: true)
    let response = try await transport.send(HTTPRequest(url: path.absoluteString))
    #expect(response.status == 200)
    #expect(try await response.collect() == bytes)
    await expectNoLiveTransfers(transport)
  }

  @Test func refusesFileURLsByDefault() async throws {
    let transport = try CurlTransport()
    let error = await #expect(throws: HTTPError.self) {
      _ = try await transport.send(HTTPRequest(url: "file:///etc/hostname"))
    }
    #expect(error?.code == .unsupportedProtocol)
  }

  @Test func reportsARefusedConnection() async throws {
    let transport = try CurlTransport()
    let error = await #expect(throws: HTTPError.self) {
      _ = try await transport.send(HTTPRequest(url: "http://127.0.0.1:9/", timeouts: self.fast))
    }
    #expect(error?.code == .couldNotConnect)
    #expect(error?.description.hasPrefix("curl error 7: ") == true)
  }

  @Test func sendsMethodHeadersAndBody() async throws {
    let server = try LoopbackServer(replies: [.json("{\"ok\":true}")])
    let transport = try CurlTransport()
    let request = HTTPRequest(
      method: "POST", url: server.url + "/v1/x", headers: [("X-Test", "yes")],
      body: Array("{\"a\":1}".utf8), timeouts: fast)
    let response = try await transport.send(request)
    #expect(response.status == 200)
    #expect(response.header("content-type") == "application/json")
    #expect(String(decoding: try await response.collect(), as: UTF8.self) == "{\"ok\":true}")
    let received = try #require(server.requests.first)
    #expect(received.method == "POST")
    #expect(received.path == "/v1/x")
    #expect(received.header("x-test") == "yes")
    #expect(received.body == Array("{\"a\":1}".utf8))
    #expect(received.header("expect") == nil)
  }

  @Test func anErrorStatusIsAResponseNotAnError() async throws {
    let server = try LoopbackServer(replies: [
      .json(status: 429, headers: [("Retry-After", "7")], "{\"error\":\"slow down\"}")
    ])
    let transport = try CurlTransport()
    let response = try await transport.send(HTTPRequest(url: server.url, timeouts: fast))
    #expect(response.status == 429)
    #expect(response.header("retry-after") == "7")
    #expect(String(decoding: try await response.collect(), as: UTF8.self).contains("slow down"))
  }

  @Test func deliversAChunkedStreamPieceByPiece() async throws {
    let chunks = (0..<5).map { Array("data: \($0)\n\n".utf8) }
    let server = try LoopbackServer(replies: [.stream(chunks, delay: .milliseconds(20))])
    let transport = try CurlTransport()
    let response = try await transport.send(HTTPRequest(url: server.url, timeouts: fast))
    var received: [[UInt8]] = []
    for try await chunk in response.body { received.append(chunk) }
    #expect(received.count > 1)
    #expect(received.flatMap { $0 } == chunks.flatMap { $0 })
    await expectNoLiveTransfers(transport)
  }

  @Test func timesOutAServerThatNeverSendsHeaders() async throws {
    let server = try LoopbackServer(replies: [.hangBeforeHeaders])
    let transport = try CurlTransport()
    let error = await #expect(throws: HTTPError.self) {
      _ = try await transport.send(HTTPRequest(url: server.url, timeouts: self.fast))
    }
    #expect(error?.code == .timedOut)
    #expect(await server.waitUntilIdle())
    await expectNoLiveTransfers(transport)
  }

  @Test func enforcesTheTotalTimeout() async throws {
    let server = try LoopbackServer(replies: [
      .stream([Array("data: 1\n\n".utf8)], delay: .milliseconds(100), ending: .hang)
    ])
    let transport = try CurlTransport()
    let timeouts = HTTPTimeouts(connect: .seconds(1), stall: nil, total: .milliseconds(400))
    let response = try await transport.send(HTTPRequest(url: server.url, timeouts: timeouts))
    let error = await #expect(throws: HTTPError.self) { _ = try await response.collect() }
    #expect(error?.code == .timedOut)
  }

  @Test func timesOutAStreamThatStallsMidWay() async throws {
    let server = try LoopbackServer(replies: [
      .stream([Array("data: partial\n\n".utf8)], ending: .hang)
    ])
    let transport = try CurlTransport()
    let response = try await transport.send(HTTPRequest(url: server.url, timeouts: fast))
    var received: [UInt8] = []
    let error = await #expect(throws: HTTPError.self) {
      for try await chunk in response.body { received += chunk }
    }
    #expect(error?.code == .timedOut)
    #expect(received == Array("data: partial\n\n".utf8))
    await expectNoLiveTransfers(transport)
  }

  @Test func reportsAConnectionClosedMidStream() async throws {
    let server = try LoopbackServer(replies: [
      .stream([Array("data: {\"half\":".utf8)], ending: .close)
    ])
    let transport = try CurlTransport()
    let response = try await transport.send(HTTPRequest(url: server.url, timeouts: fast))
    let error = await #expect(throws: HTTPError.self) { _ = try await response.collect() }
    #expect(error?.code.isConnectionBroken == true)
  }

  @Test func cancellingTheTaskStopsAHangingTransferPromptly() async throws {
    let server = try LoopbackServer(replies: [.hangBeforeHeaders])
    let transport = try CurlTransport()
    let slow = HTTPTimeouts(connect: .seconds(5), stall: .seconds(60), total: .seconds(60))
    let task = Task { try await transport.send(HTTPRequest(url: server.url, timeouts: slow)) }
    while server.requests.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
    task.cancel()
    let result = await task.result
    #expect(throws: CancellationError.self) { try result.get() }
    #expect(await server.waitUntilIdle())
    await expectNoLiveTransfers(transport)
  }

  @Test func droppingTheBodyStopsTheTransfer() async throws {
    let server = try LoopbackServer(replies: [
      .stream([Array("data: first\n\n".utf8)], ending: .hang)
    ])
    let transport = try CurlTransport()
    let slow = HTTPTimeouts(connect: .seconds(5), stall: .seconds(60), total: .seconds(60))
    do {
      let response = try await transport.send(HTTPRequest(url: server.url, timeouts: slow))
      for try await chunk in response.body {
        #expect(chunk == Array("data: first\n\n".utf8))
        break
      }
    }
    #expect(await server.waitUntilIdle())
    await expectNoLiveTransfers(transport)
  }

  @Test func runsSixtyFourStreamsAtOnceOnOneThread() async throws {
    let chunks = (0..<4).map { Array("data: \($0)\n\n".utf8) }
    let server = try LoopbackServer(replies: [.stream(chunks, delay: .milliseconds(10))])
    let transport = try CurlTransport()
    let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
      for _ in 0..<64 {
        group.addTask {
          let response = try await transport.send(
            HTTPRequest(url: server.url, timeouts: self.fast))
          return try await response.collect().count
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(sizes == Array(repeating: chunks.flatMap { $0 }.count, count: 64))
    await expectNoLiveTransfers(transport)
  }

  @Test func releasingTheTransportEndsItsThread() async throws {
    let server = try LoopbackServer(replies: [.json("{}")])
    var transport: CurlTransport? = try CurlTransport()
    let exit = try #require(transport?.engineExit)
    let response = try await transport?.send(HTTPRequest(url: server.url, timeouts: fast))
    #expect(try await response?.collect() == Array("{}".utf8))
    #expect(!exit.hasExited)
    transport = nil
    for _ in 0..<300 where !exit.hasExited { try await Task.sleep(for: .milliseconds(10)) }
    #expect(exit.hasExited)
  }
}
