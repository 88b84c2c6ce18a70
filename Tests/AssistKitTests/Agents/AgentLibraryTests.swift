import AssistKit
import AssistTesting
import Foundation
import Testing

@Suite struct AgentLibraryTests {
  private func folder(_ files: [String: String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agents-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (name, text) in files {
      try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
    return dir
  }

  @Test func theShippedAgentsLoadAndCoverEveryKind() throws {
    let library = try AgentLibrary(folders: [projectRoot + "/agents"])
    #expect(
      Set(library.agents.keys) == ["coordinator", "design", "migration", "analysis", "arbiter"])
    for kind in AgentDefinition.Kind.allCases {
      #expect(try library.agent(for: kind).kind == kind)
    }
    #expect(try library.agent("arbiter").minTier == "local-medium")
    #expect(try library.agent("migration").systemPrompt.contains("mechanical change"))
  }

  @Test func aRepositoryAgentOverridesTheShippedOneByName() throws {
    let repo = try folder([
      "migration.md":
        "---\nname: migration\nkind: migration\ndescription: house rules\nmax_tokens: 512\n---\nUse tabs.\n"
    ])
    defer { try? FileManager.default.removeItem(atPath: repo) }
    let library = try AgentLibrary(folders: [projectRoot + "/agents", repo])
    let agent = try library.agent("migration")
    #expect(agent.description == "house rules")
    #expect(agent.maxTokens == 512)
    #expect(agent.systemPrompt == "Use tabs.")
    #expect(agent.source == repo + "/migration.md")
  }

  @Test(arguments: [
    ("---\nname: x\nkind: reviewer\ndescription: d\n---\nbody\n", 3, "kind must be one of"),
    (
      "---\nname: x\nkind: design\ndescription: d\nmax_token: 5\n---\nbody\n", 5,
      "did you mean 'max_tokens'"
    ),
    ("---\nname: x\nkind: design\n---\nbody\n", 2, "needs 'description'"),
    ("no front matter\n", 1, "starts with YAML front matter"),
    ("---\nname: x\nkind: design\ndescription: d\n---\n\n", 6, "system prompt"),
    (
      "---\nname: x\nkind: design\ndescription: d\ntemperature: 7\n---\nb\n", 5,
      "temperature must be"
    ),
  ])
  func invalidDefinitionsNameTheFileAndLine(text: String, line: Int, message: String) throws {
    let dir = try folder(["bad.md": text])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let error = #expect(throws: ConfigError.self) { try AgentLibrary(folders: [dir]) }
    #expect(error?.file == dir + "/bad.md")
    #expect(error?.line == line)
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
  }

  @Test func promptTemplatesRenderEveryPlaceholderAndRefuseMissingOnes() throws {
    let template = try PromptTemplate.load("reflection", folders: [projectRoot + "/prompts"])
    #expect(template.placeholders == ["feedback"])
    let text = try template.render(["feedback": "block 2 did not match"])
    #expect(text.contains("block 2 did not match"))
    #expect(!text.contains("{{"))
    let error = #expect(throws: ConfigError.self) { try template.render([:]) }
    #expect(error?.message == "no value for {{feedback}}")
  }

  @Test func everyShippedPromptHasOnlyKnownPlaceholders() throws {
    let known: Set = [
      "task", "symbol_map", "error", "goal", "findings", "files", "edit_instructions", "feedback",
      "command", "baseline", "name", "path", "language", "source", "previous", "functions",
    ]
    for name in [
      "plan", "plan-retry", "subtask", "function", "analysis", "reflection", "test-feedback",
      "think-first",
    ] {
      let template = try PromptTemplate.load(name, folders: [projectRoot + "/prompts"])
      #expect(Set(template.placeholders).isSubset(of: known), "\(name): \(template.placeholders)")
    }
  }
}
