import ArgumentParser
import Testing

@testable import assist

@Suite struct CompleteCommandTests {
  @Test func parsesAnEndpointCall() throws {
    let command = try CompleteCommand.parse([
      "hello", "--endpoint", "http://127.0.0.1:18080", "--api", "anthropic", "--max-tokens", "8",
      "--json",
    ])
    #expect(command.prompt == "hello")
    #expect(command.api == .anthropic)
    #expect(command.maxTokens == 8)
    #expect(command.json)
  }

  @Test(arguments: [
    ["hi", "--max-tokens", "0"], ["hi", "--repeat", "0"], ["hi", "--api", "grpc"],
  ])
  func rejectsBadOptions(_ arguments: [String]) {
    #expect(throws: (any Error).self) { _ = try CompleteCommand.parse(arguments) }
  }

  @Test func isListedInTheRootHelp() {
    #expect(Assist.helpMessage().contains("complete"))
  }
}
