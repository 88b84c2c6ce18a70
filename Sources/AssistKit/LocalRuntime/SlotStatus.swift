package import HTTP

/// How busy a llama.cpp server is: requests it is processing and requests waiting for a slot, read
/// from its Prometheus `/metrics` (the bundled launcher turns it on).
package struct SlotStatus: Sendable, Equatable {
  /// Requests being processed now (one per busy slot).
  package var busy: Int
  /// Requests waiting for a free slot.
  package var queued: Int
  /// The tier's slots.
  package var total: Int

  /// Creates a status.
  package init(busy: Int, queued: Int, total: Int) {
    self.busy = busy
    self.queued = queued
    self.total = total
  }

  /// Whether a new request would wait for a slot.
  package var isFull: Bool { busy >= total || queued > 0 }

  /// `1/1 slots busy, 3 queued`.
  package var description: String {
    "\(busy)/\(total) slot\(total == 1 ? "" : "s") busy"
      + (queued > 0 ? ", \(queued) queued" : "")
  }

  /// Reads `/metrics` of the server at `baseURL`.
  /// - Parameters:
  ///   - baseURL: The server, e.g. `http://127.0.0.1:18481`.
  ///   - slots: The tier's slots.
  ///   - transport: The network.
  /// - Returns: The status, or `nil` when the server does not say (not llama.cpp, no metrics, no
  ///   answer within two seconds).
  package static func read(baseURL: String, slots: Int, transport: any HTTPTransport) async
    -> SlotStatus?
  {
    var base = baseURL
    while base.hasSuffix("/") { base.removeLast() }
    if base.hasSuffix("/v1") { base.removeLast(3) }
    let request = HTTPRequest(
      url: base + "/metrics",
      timeouts: .init(connect: .seconds(1), stall: .seconds(2), total: .seconds(2)))
    guard let response = try? await transport.send(request), response.status == 200,
      let body = try? await response.collect(upTo: 1 << 20)
    else { return nil }
    return parse(metrics: String(decoding: body, as: UTF8.self), slots: slots)
  }

  /// Parses llama.cpp's metrics text (`llamacpp:requests_processing 1`).
  /// - Parameters:
  ///   - metrics: The body.
  ///   - slots: The tier's slots.
  /// - Returns: The status, or `nil` without the two request gauges.
  package static func parse(metrics: String, slots: Int) -> SlotStatus? {
    var values: [String: Int] = [:]
    for line in metrics.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      let parts = line.split(separator: " ")
      guard parts.count == 2, let value = Double(parts[1]) else { continue }
      values[String(parts[0])] = Int(value)
    }
    guard let busy = values["llamacpp:requests_processing"],
      let queued = values["llamacpp:requests_deferred"]
    else { return nil }
    return SlotStatus(busy: busy, queued: queued, total: max(1, slots))
  }
}
