internal import Foundation

/// The agents available in a repository: the install's, the user's, then the repository's own.
package struct AgentLibrary: Sendable {
  /// Agents by name; later folders in the search path override earlier ones.
  package private(set) var agents: [String: AgentDefinition]

  /// The folders searched, lowest precedence first.
  package static func searchPath(paths: AssistPaths, repositoryRoot: String?) -> [String] {
    var folders = [paths.installDirectory + "/agents", paths.configDirectory + "/agents"]
    if let repositoryRoot { folders.append(repositoryRoot + "/.assist/agents") }
    return folders
  }

  /// Loads and validates every `*.md` in `folders`.
  /// - Throws: ``ConfigError`` with the file and line of the first invalid definition.
  package init(folders: [String]) throws {
    var agents: [String: AgentDefinition] = [:]
    for folder in folders {
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
        continue
      }
      for name in names.sorted() where name.hasSuffix(".md") && name != "README.md" {
        let path = folder + "/" + name
        guard let text = try FileSystem.readTextIfPresent(path) else { continue }
        let agent = try AgentFile.parse(text, file: path)
        agents[agent.name] = agent
      }
    }
    self.agents = agents
  }

  /// The agent called `name`.
  /// - Throws: ``ConfigError`` naming the known agents when there is none.
  package func agent(_ name: String) throws -> AgentDefinition {
    guard let agent = agents[name] else {
      throw ConfigError(
        file: "agents", line: nil,
        message: "no agent named '\(name)' (known: \(agents.keys.sorted().joined(separator: ", ")))"
      )
    }
    return agent
  }

  /// The agent for a kind: the one named after the kind, else the first of that kind by name.
  package func agent(for kind: AgentDefinition.Kind) throws -> AgentDefinition {
    if let agent = agents[kind.rawValue], agent.kind == kind { return agent }
    if let agent = agents.values.filter({ $0.kind == kind }).min(by: { $0.name < $1.name }) {
      return agent
    }
    throw ConfigError(file: "agents", line: nil, message: "no agent of kind '\(kind.rawValue)'")
  }
}

/// The `---` front matter + body format of an agent file.
enum AgentFile {
  static func parse(_ text: String, file: String) throws -> AgentDefinition {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
      let end = lines.dropFirst().firstIndex(where: {
        $0.trimmingCharacters(in: .whitespaces) == "---"
      })
    else {
      throw ConfigError(
        file: file, line: 1,
        message: "an agent file starts with YAML front matter between --- lines")
    }
    let yaml = lines[1..<end].joined(separator: "\n")
    let body = lines[(end + 1)...].joined(separator: "\n").trimmingCharacters(
      in: .whitespacesAndNewlines)
    let root = try YAMLValue.parse(yaml, file: file, lineOffset: 1)
    var r = try YAMLReader(root, file: file, context: "the front matter")
    let name = try r.requiredString("name")
    let kindText = try r.requiredString("kind")
    guard let kind = AgentDefinition.Kind(rawValue: kindText) else {
      throw r.error(
        "kind",
        "kind must be one of: \(AgentDefinition.Kind.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(kindText)')"
      )
    }
    let scopeText = try r.string("read_scope") ?? "symbols"
    guard let scope = AgentDefinition.ReadScope(rawValue: scopeText) else {
      throw r.error("read_scope", "read_scope must be files or symbols (got '\(scopeText)')")
    }
    let maxTokens = try r.int("max_tokens") ?? 2048
    guard (16...65536).contains(maxTokens) else {
      throw r.error("max_tokens", "max_tokens must be 16…65536")
    }
    let temperature = try r.double("temperature") ?? 0.2
    guard (0...2).contains(temperature) else {
      throw r.error("temperature", "temperature must be 0…2")
    }
    let agent = AgentDefinition(
      name: name, kind: kind, description: try r.requiredString("description"),
      preferTier: try r.string("prefer_tier"), minTier: try r.string("min_tier"),
      editFormat: try r.string("edit_format"), maxTokens: maxTokens, temperature: temperature,
      readScope: scope, systemPrompt: body, source: file)
    try r.finish()
    guard !body.isEmpty else {
      throw ConfigError(
        file: file, line: end + 2,
        message: "the system prompt (the body after the front matter) is empty")
    }
    return agent
  }
}
