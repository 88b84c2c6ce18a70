import HTTP
import Testing

@Suite struct HTTPResponseTests {
  private func response(_ chunks: [[UInt8]]) -> HTTPResponse {
    let (stream, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
    for chunk in chunks { continuation.yield(chunk) }
    continuation.finish()
    return HTTPResponse(status: 200, headers: [("Retry-After", "3")], body: stream)
  }

  @Test func collectJoinsChunksInOrder() async throws {
    let bytes = try await response([[1, 2], [3], []]).collect()
    #expect(bytes == [1, 2, 3])
  }

  @Test func collectRefusesABodyOverItsLimit() async throws {
    let error = await #expect(throws: HTTPError.self) {
      _ = try await self.response([[1, 2, 3], [4, 5]]).collect(upTo: 4)
    }
    #expect(error?.code == .bodyTooLarge)
  }

  @Test func headerLookupIgnoresCase() {
    #expect(response([]).header("retry-after") == "3")
    #expect(response([]).header("x-missing") == nil)
  }
}
