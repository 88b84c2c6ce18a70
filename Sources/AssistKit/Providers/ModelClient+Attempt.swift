import HTTP

extension ModelClient {
  /// One attempt on one endpoint: encode, send, decode the streamed or whole reply.
  /// - Returns: The reply with time to first token and generation time filled in.
  /// - Throws: ``ProviderError`` (transport failures mapped), or `CancellationError`.
  func send(_ request: ChatRequest, to endpoint: EndpointSpec, progress: Progress?)
    async throws -> ChatResponse
  {
    let provider = endpoint.api.provider
    var http = try provider.encode(request, for: endpoint, apiKey: endpoint.apiKey(in: variables))
    http.timeouts = timeouts
    let sentAt = timeline.now()
    let response: HTTPResponse
    do {
      response = try await transport.send(http)
    } catch let error as HTTPError {
      throw ProviderError.transport(error, partialText: nil)
    }
    guard (200..<300).contains(response.status) else {
      let body = (try? await response.collect(upTo: 1 << 20)) ?? []
      throw provider.error(status: response.status, headers: response.headers, body: body)
    }
    let isStream = response.header("content-type")?.lowercased().contains("text/event-stream")
    var reply: DecodedReply
    var firstTokenAt: Duration?
    if isStream == true {
      (reply, firstTokenAt) = try await decodeStream(
        response, with: provider, endpoint: endpoint, progress: progress)
    } else {
      let body: [UInt8]
      do {
        body = try await response.collect()
      } catch let error as HTTPError {
        throw ProviderError.transport(error, partialText: nil)
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
  private func decodeStream(
    _ response: HTTPResponse, with provider: any ModelProvider, endpoint: EndpointSpec,
    progress: Progress?
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
        let generating = now - first
        let seconds = generating.secondsDouble
        progress?(
          CallProgress(
            endpoint: endpoint.description, delta: delta, tokens: pieces, generating: generating,
            tokensPerSecond: seconds > 0 ? Double(pieces - 1) / seconds : nil))
      }
    }
    do {
      for try await chunk in response.body {
        try apply(parser.feed(chunk))
      }
    } catch let error as HTTPError {
      throw ProviderError.transport(error, partialText: decoder.reply.text)
    } catch let error as ProviderError {
      throw error
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
