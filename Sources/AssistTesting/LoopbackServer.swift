import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A tiny real HTTP/1.1 server on 127.0.0.1 for tests: it reads each request, records it, and plays
/// the next scripted ``LoopbackReply`` (the last one repeats), so that a real ``CurlTransport``
/// meets real sockets, real timeouts and real faults.
///
/// One thread accepts, one thread serves each connection; ``stop()`` (also run on `deinit`) shuts
/// every socket down so that no thread outlives the server.
package final class LoopbackServer: Sendable {
  /// A request as the server received it.
  package struct Request: Sendable {
    /// The method, e.g. `POST`.
    package var method: String
    /// The request target, e.g. `/v1/chat/completions`.
    package var path: String
    /// The header fields in order.
    package var headers: [(name: String, value: String)]
    /// The body.
    package var body: [UInt8]

    /// The first value of the header `name`, compared case-insensitively.
    package func header(_ name: String) -> String? {
      headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
  }

  private let core: LoopbackServerCore

  /// The port the server listens on.
  package var port: Int { core.port }

  /// The base URL, e.g. `http://127.0.0.1:40123`.
  package var url: String { "http://127.0.0.1:\(port)" }

  /// Starts listening on an ephemeral port of 127.0.0.1.
  /// - Parameter replies: The replies for the first, second, … connection; the last one repeats.
  /// - Throws: ``Failure`` if the socket cannot be set up.
  package init(replies: [LoopbackReply]) throws {
    core = try LoopbackServerCore(replies: replies)
  }

  deinit {
    core.stop()
  }

  /// The requests received so far, in arrival order.
  package var requests: [Request] { core.requests }

  /// The number of connections still open (0 once every client has hung up).
  package var openConnections: Int { core.openConnections }

  /// Waits until every connection has closed.
  /// - Parameter timeout: The longest wait (wide: a loaded CI machine can take seconds to close).
  /// - Returns: Whether all connections closed in time.
  package func waitUntilIdle(timeout: Duration = .seconds(30)) async -> Bool {
    await core.waitUntilIdle(timeout: timeout)
  }

  /// Stops accepting and shuts every open connection down; idempotent.
  package func stop() {
    core.stop()
  }

  /// A socket call failed while setting the server up.
  package struct Failure: Error, CustomStringConvertible {
    /// The failing call.
    package var call: String
    /// `errno` right after the call.
    package var code: Int32 = errno
    package var description: String { "loopback server: \(call) failed (errno \(code))" }
  }
}

/// The sockets and threads behind a ``LoopbackServer``; its threads hold this, not the server, so
/// that dropping the server stops them.
private final class LoopbackServerCore: Sendable {
  private struct State {
    var replies: [LoopbackReply]
    var served = 0
    var requests: [LoopbackServer.Request] = []
    var connections: Set<Int32> = []
    var stopped = false
  }

  /// The port the server listens on.
  let port: Int
  private let listener: Int32
  private let state: Mutex<State>

  /// Starts listening on an ephemeral port of 127.0.0.1.
  /// - Parameter replies: The replies for the first, second, … connection; the last one repeats.
  /// - Throws: `POSIXError`-style `LoopbackServer.Failure` if the socket cannot be set up.
  init(replies: [LoopbackReply]) throws {
    // Close-on-exec, so a child another test starts (tmux, git) cannot keep a connection open.
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw LoopbackServer.Failure(call: "socket") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard bound == 0, named == 0, listen(fd, 128) == 0 else {
      close(fd)
      throw LoopbackServer.Failure(call: "bind/listen")
    }
    listener = fd
    port = Int(UInt16(bigEndian: address.sin_port))
    state = Mutex(State(replies: replies.isEmpty ? [.response(status: 200)] : replies))
    let thread = Thread { [self] in acceptLoop() }
    thread.name = "loopback-accept"
    thread.start()
  }

  /// The requests received so far, in arrival order.
  var requests: [LoopbackServer.Request] { state.withLock { $0.requests } }

  /// The number of connections still open (0 once every client has hung up).
  var openConnections: Int { state.withLock { $0.connections.count } }

  /// Waits until every connection has closed.
  /// - Parameter timeout: The longest wait (wide: a loaded CI machine can take seconds to close).
  /// - Returns: Whether all connections closed in time.
  func waitUntilIdle(timeout: Duration = .seconds(30)) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while openConnections > 0 && clock.now < deadline {
      try? await Task.sleep(for: .milliseconds(10))
    }
    return openConnections == 0
  }

  /// Stops accepting and shuts every open connection down; idempotent.
  func stop() {
    let open: Set<Int32>? = state.withLock { state in
      guard !state.stopped else { return nil }
      state.stopped = true
      return state.connections
    }
    guard let open else { return }
    for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }

  private func acceptLoop() {
    while true {
      let fd = accept(listener, nil, nil)
      if fd < 0 {
        if errno == EINTR { continue }
        return
      }
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      let reply: LoopbackReply? = state.withLock { state in
        guard !state.stopped else { return nil }
        state.connections.insert(fd)
        defer { state.served += 1 }
        return state.replies[min(state.served, state.replies.count - 1)]
      }
      guard let reply else {
        close(fd)
        return
      }
      let thread = Thread { [self] in serve(fd, reply) }
      thread.name = "loopback-connection"
      thread.start()
    }
  }

  private func serve(_ fd: Int32, _ reply: LoopbackReply) {
    defer {
      state.withLock { _ = $0.connections.remove(fd) }
      close(fd)
    }
    guard let request = readRequest(fd) else { return }
    state.withLock { $0.requests.append(request) }
    for step in reply.steps {
      switch step {
      case .send(let bytes):
        guard writeAll(fd, bytes) else { return }
      case .pause(let duration):
        Thread.sleep(
          forTimeInterval: Double(duration.components.seconds)
            + Double(duration.components.attoseconds) / 1e18)
      case .hang:
        var scratch = [UInt8](repeating: 0, count: 4096)
        while read(fd, &scratch, scratch.count) > 0 {}
        return
      case .close:
        return
      }
    }
    shutdown(fd, Int32(SHUT_WR))
  }

  private func readRequest(_ fd: Int32) -> LoopbackServer.Request? {
    var buffer: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    let separator: [UInt8] = [13, 10, 13, 10]
    var headEnd: Int?
    var bodyLength = 0
    while true {
      if let end = headEnd, buffer.count >= end + bodyLength { break }
      let count = read(fd, &chunk, chunk.count)
      guard count > 0 else { return nil }
      buffer += chunk[..<count]
      if headEnd == nil, let range = buffer.firstRange(of: separator) {
        headEnd = range.upperBound
        bodyLength = Self.contentLength(buffer[..<range.lowerBound])
      }
    }
    guard let headEnd else { return nil }
    let lines = String(decoding: buffer[..<(headEnd - 4)], as: UTF8.self)
      .components(separatedBy: "\r\n")
    let requestLine = (lines.first ?? "").split(separator: " ")
    let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
      guard let colon = line.firstIndex(of: ":") else { return nil }
      return (
        name: String(line[..<colon]),
        value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      )
    }
    return LoopbackServer.Request(
      method: requestLine.first.map(String.init) ?? "",
      path: requestLine.count > 1 ? String(requestLine[1]) : "",
      headers: headers, body: Array(buffer[headEnd..<(headEnd + bodyLength)]))
  }

  private static func contentLength(_ head: ArraySlice<UInt8>) -> Int {
    for line in String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n") {
      let parts = line.split(separator: ":", maxSplits: 1)
      if parts.count == 2, parts[0].lowercased() == "content-length" {
        return Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
      }
    }
    return 0
  }

  private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes {
        send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      guard written > 0 else { return false }
      offset += written
    }
    return true
  }

}
