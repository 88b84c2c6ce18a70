import HTTP
import Testing

@Suite struct HTTPRequestRedactionTests {
  private let secret = "sk-live-1234567890abcdef"

  private var request: HTTPRequest {
    HTTPRequest(
      method: "POST", url: "https://user:\(secret)@api.example.com/v1/messages",
      headers: [
        ("Authorization", "Bearer \(secret)"), ("x-api-key", secret), ("Content-Type", "x/y"),
      ], body: Array("{}".utf8))
  }

  @Test func descriptionsNeverShowSecretHeadersOrUserInfo() {
    var dumped = ""
    dump(request, to: &dumped)
    for text in [request.description, "\(request)", String(reflecting: request), dumped] {
      #expect(!text.contains(secret), "\(text)")
      #expect(text.contains("[redacted]"))
    }
    #expect(request.description.contains("Content-Type: x/y"))
    #expect(request.description.contains("api.example.com/v1/messages"))
  }

  @Test func urlsWithoutUserInfoAreUnchanged() {
    let url = "http://127.0.0.1:8080/v1/chat?x=a@b"
    #expect(HTTPRequest.redactingUserInfo(url) == url)
  }
}
