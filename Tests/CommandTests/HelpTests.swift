import ArgumentParser
import Testing

@testable import assist

@Suite struct HelpTests {
  @Test func rootHelpNamesTheTool() {
    let help = Assist.helpMessage()
    #expect(help.contains("USAGE: assist"))
    #expect(help.contains("routes each to the cheapest model"))
  }
}
