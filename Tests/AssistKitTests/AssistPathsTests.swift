import AssistKit
import Testing

@Suite struct AssistPathsTests {
  @Test func xdgVariablesWinOverHome() {
    let paths = AssistPaths(
      variables: ["HOME": "/home/u", "XDG_STATE_HOME": "/s", "XDG_CACHE_HOME": "relative"],
      installDirectory: "/opt/assist")
    #expect(paths.storePath == "/s/assist/assist.sqlite")
    #expect(paths.configDirectory == "/home/u/.config/assist")
    // A relative XDG value is invalid per the spec and is ignored.
    #expect(paths.modelsDirectory == "/home/u/.cache/assist/models")
  }
}
