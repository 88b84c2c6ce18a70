import HTTP

extension ModelClient {
  /// One attempt on one endpoint: encode, send, decode the streamed or whole reply.
  ///
  /// The transfer's total time is capped at `remaining` (the call's wall clock less the attempts
  /// before); a reply past `limits`' token or byte cap, or one `check` finds unusable, is cut off.
  /// - Returns: The reply with time to first token and generation time filled in.
  /// - Throws: ``ProviderError`` (transport failures mapped; `cutOff` past a limit), or
  ///   `CancellationError`.
  func send(
    _ request: ChatRequest, to endpoint: EndpointSpec, limits: CallLimits, remaining: Duration,
    check: ReplyCheck?, progress: Progress?
  ) async throws -> ChatResponse {
    let provider = endpoint.api.provider
    var http = try provider.encode(request, for: endpoint, apiKey: endpoint.apiKey(in: variables))
    http.timeouts = timeouts
    http.timeouts.total = min(timeouts.total ?? remaining, remaining)
    let sentAt = timeline.now()
    /// A transport failure, read as the wall clock running out when the attempt used it all.
    func failure(_ error: HTTPError, partialText: String?) -> ProviderError {
      let used = timeline.now() - sentAt
      guard error.code == .timedOut, used >= remaining - .milliseconds(250) else {
        return .transport(error, partialText: partialText)
      }
      return .cutOff(
        partialText: partialText ?? "",
        reason: "the call passed its \(limits.wallClock.secondsDouble)s limit\(limits.suffix)")
    }
    let response: HTTPResponse
    do {
      response = try await transport.send(http)
    } catch let error as HTTPError {
      throw failure(error, partialText: nil)
    }
    guard (200..<300).contains(response.status) else {
      let body = (try? await response.collect(upTo: 1 << 20)) ?? []
      throw provider.error(status: response.status, headers: response.headers, body: body)
    }
    let isStream = response.header("content-type")?.lowercased().contains("text/event-stream")
    var reply: DecodedReply
    var firstTokenAt: Duration?
    if isStream == true {
      var watch = ReplyWatch(limits: limits, check: check)
      do {
        (reply, firstTokenAt) = try await decodeStream(
          response, with: provider, endpoint: endpoint, watch: &watch, progress: progress)
      } catch let error as HTTPError {
        throw failure(error, partialText: watch.text)
      }
    } else {
      let body: [UInt8]
      do {
        body = try await response.collect(upTo: limits.maxReplyBytes + (64 << 10))
      } catch let error as HTTPError where error.code == .bodyTooLarge {
        throw ProviderError.cutOff(
          partialText: "",
          reason: "the reply body passed \(limits.maxReplyBytes) bytes\(limits.suffix)")
      } catch let error as HTTPError {
        throw failure(error, partialText: nil)
      }
      reply = try provider.decode(body: body)
    }
    let end = timeline.now()
    let first = firstTokenAt ?? end
    return ChatResponse(
      text: reply.text, finishReason: reply.finishReason ?? .other("unknown"), model: reply.model,
      usage: reply.usage,
      timings: CallTimings(timeToFirstToken: first - sentAt, generation: end - first),
      endpoint: endpoint.description)
  }

  /// Reads Server-Sent Events until the protocol's final event, reporting progress.
  ///
  /// A stream that ends, breaks or stalls before its final event throws `streamInterrupted` with
  /// the text received (or `timeout` / `unreachable` if none had arrived).
  /// Throws `HTTPError` for transport failures, for the caller to classify.
  private func decodeStream(
    _ response: HTTPResponse, with provider: any ModelProvider, endpoint: EndpointSpec,
    watch: inout ReplyWatch, progress: Progress?
  ) async throws -> (DecodedReply, Duration?) {
    var parser = ServerSentEventParser()
    var decoder = provider.makeStreamDecoder()
    var firstTokenAt: Duration?
    var pieces = 0
    func apply(_ events: [ServerSentEvent]) throws(ProviderError) {
      for event in events where !decoder.isComplete {
        let delta = try decoder.decode(event)
        guard !delta.isEmpty else { continue }
        let now = timeline.now()
        let first = firstTokenAt ?? now
        firstTokenAt = first
        pieces += 1
        if let reason = watch.add(delta, pieces: pieces) {
          throw ProviderError.cutOff(partialText: decoder.reply.text, reason: reason)
        }
        let generating = now - first
        let seconds = generating.secondsDouble
        progress?(
          CallProgress(
            endpoint: endpoint.description, delta: delta, tokens: pieces, generating: generating,
            tokensPerSecond: seconds > 0 ? Double(pieces - 1) / seconds : nil))
      }
    }
    var streamed = 0
    for try await chunk in response.body {
      streamed += chunk.count
      guard streamed <= watch.maxStreamBytes else {
        throw ProviderError.cutOff(
          partialText: decoder.reply.text,
          reason: "the stream passed \(watch.maxStreamBytes) bytes\(watch.limits.suffix)")
      }
      try apply(parser.feed(chunk))
    }
    if !decoder.isComplete {
      // A last event without its blank line: complete it if it parses, else it was cut off.
      do {
        try apply(parser.finish())
      } catch {
        throw ProviderError.streamInterrupted(
          partialText: decoder.reply.text, message: "the stream ended inside an event")
      }
    }
    guard decoder.isComplete else {
      throw ProviderError.streamInterrupted(
        partialText: decoder.reply.text, message: "the stream ended before its final event")
    }
    var reply = decoder.reply
    if reply.usage.outputTokens == 0 { reply.usage.outputTokens = pieces }
    return (reply, firstTokenAt)
  }
}
