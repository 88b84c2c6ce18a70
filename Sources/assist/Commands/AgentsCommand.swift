import ArgumentParser
import AssistKit
import Foundation

/// `assist agents`: the agents in effect here, and where each was loaded from.
struct AgentsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agents",
    abstract: "List the agents in effect here: kind, routing hints, edit format, source file.",
    discussion: """
      Agents are markdown files with YAML front matter. The install's agents/ come first, then \
      ~/.config/assist/agents/, then the repository's .assist/agents/; a later file with the same \
      name replaces an earlier one. Every file is validated; an error names its file and line.
      """)

  @Flag(help: "Print as JSON (system prompts included).")
  var json = false

  func run() async throws {
    let environment = try LiveEnvironment.make()
    let root = ConfigLoader.repositoryRoot(from: FileManager.default.currentDirectoryPath)
    let library = try AgentLibrary(
      folders: AgentLibrary.searchPath(paths: environment.paths, repositoryRoot: root))
    let agents = library.agents.values.sorted { $0.name < $1.name }
    if json { return try Output.json(agents) }
    var rows = [["NAME", "KIND", "FORMAT", "MAX TOKENS", "HINTS", "SOURCE", "DESCRIPTION"]]
    for agent in agents {
      let hints = [agent.preferTier.map { "prefer \($0)" }, agent.minTier.map { "min \($0)" }]
        .compactMap { $0 }.joined(separator: ", ")
      rows.append([
        agent.name, agent.kind.rawValue, agent.editFormat ?? "auto", String(agent.maxTokens),
        hints.isEmpty ? "-" : hints,
        Self.shorten(agent.source, root: root, install: environment.paths.installDirectory),
        agent.description,
      ])
    }
    Output.table(rows)
  }

  private static func shorten(_ path: String, root: String?, install: String) -> String {
    if let root, path.hasPrefix(root + "/") { return String(path.dropFirst(root.count + 1)) }
    if path.hasPrefix(install + "/") {
      return "(install) " + String(path.dropFirst(install.count + 1))
    }
    return path
  }
}
