/// The prompt templates of a run, loaded once from the search path.
package struct PromptLibrary: Sendable {
  private var templates: [String: PromptTemplate]

  /// Loads every template the coordinator uses.
  /// - Throws: ``ConfigError`` when one is missing.
  package init(folders: [String]) throws {
    var templates: [String: PromptTemplate] = [:]
    for name in [
      "plan", "plan-retry", "subtask", "function", "analysis", "reflection", "test-feedback",
      "think-first",
    ] {
      templates[name] = try PromptTemplate.load(name, folders: folders)
    }
    self.templates = templates
  }

  /// The folders searched, lowest precedence first.
  package static func searchPath(paths: AssistPaths, repositoryRoot: String?) -> [String] {
    var folders = [paths.installDirectory + "/prompts", paths.configDirectory + "/prompts"]
    if let repositoryRoot { folders.append(repositoryRoot + "/.assist/prompts") }
    return folders
  }

  /// Renders template `name`.
  /// - Throws: ``ConfigError`` for an unknown template or a missing value.
  package func render(_ name: String, _ values: [String: String]) throws -> String {
    guard let template = templates[name] else {
      throw ConfigError(
        file: "prompts/\(name).md", line: nil, message: "prompt template not loaded")
    }
    return try template.render(values)
  }
}
