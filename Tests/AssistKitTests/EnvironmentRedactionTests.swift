import AssistKit
import HTTP
import Testing

@Suite struct EnvironmentRedactionTests {
  @Test func noDescriptionOrDumpShowsAKey() throws {
    let environment = Environment(
      variables: ["ANTHROPIC_API_KEY": "sk-ant-secret-123", "HOME": "/h"],
      transport: try CurlTransport(),
      paths: AssistPaths(variables: ["HOME": "/h"], installDirectory: "/opt/assist"))
    var dumped = ""
    dump(environment, to: &dumped)
    for text in [
      environment.description, String(reflecting: environment), "\(environment)", dumped,
    ] {
      #expect(!text.contains("sk-ant-secret-123"), "\(text)")
    }
  }
}
