/// Where assist reads and writes its files, resolved from XDG variables once at start-up.
package struct AssistPaths: Sendable, Equatable {
  /// `$XDG_CONFIG_HOME/assist` (user config, agents, prompts).
  package var configDirectory: String
  /// `$XDG_STATE_HOME/assist` (the store, server pid files, logs).
  package var stateDirectory: String
  /// `$XDG_CACHE_HOME/assist` (assembled models).
  package var cacheDirectory: String
  /// `$XDG_DATA_HOME/assist` (the local model runtime's virtualenv).
  package var dataDirectory: String
  /// The install's own data folder: holds `agents/`, `prompts/`, `examples/`, `share/`.
  package var installDirectory: String

  /// Creates paths explicitly (tests point them into a temporary folder).
  package init(
    configDirectory: String, stateDirectory: String, cacheDirectory: String,
    dataDirectory: String? = nil, installDirectory: String
  ) {
    self.dataDirectory = dataDirectory ?? stateDirectory
    self.configDirectory = configDirectory
    self.stateDirectory = stateDirectory
    self.cacheDirectory = cacheDirectory
    self.installDirectory = installDirectory
  }

  /// Resolves paths the XDG way from `variables`.
  /// - Parameters:
  ///   - variables: The process environment.
  ///   - installDirectory: The folder holding the install's `agents/`, `prompts/`, `share/`.
  package init(variables: [String: String], installDirectory: String) {
    let home = variables["HOME"] ?? "/tmp"
    func xdg(_ name: String, _ fallback: String) -> String {
      if let value = variables[name], value.hasPrefix("/") { return value + "/assist" }
      return home + "/" + fallback + "/assist"
    }
    self.init(
      configDirectory: xdg("XDG_CONFIG_HOME", ".config"),
      stateDirectory: xdg("XDG_STATE_HOME", ".local/state"),
      cacheDirectory: xdg("XDG_CACHE_HOME", ".cache"),
      dataDirectory: xdg("XDG_DATA_HOME", ".local/share"),
      installDirectory: installDirectory)
  }

  /// The SQLite store.
  package var storePath: String { stateDirectory + "/assist.sqlite" }
  /// Assembled GGUF models.
  package var modelsDirectory: String { cacheDirectory + "/models" }
  /// The Python of the local runtime's virtualenv (made by scripts/setup).
  package var runtimePython: String { dataDirectory + "/venv/bin/python" }
  /// Where `assist local` records the servers it started.
  package var serversDirectory: String { stateDirectory + "/servers" }
}
