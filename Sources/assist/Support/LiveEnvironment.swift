import ArgumentParser
import AssistKit
import Foundation
import HTTP

/// Builds the live ``Environment`` once per command: real network, real clock, XDG paths.
enum LiveEnvironment {
  /// The environment for this process.
  /// - Throws: A one-line error when the install's data folder cannot be found.
  static func make() throws -> Environment {
    let variables = ProcessInfo.processInfo.environment
    guard
      let install = InstallLocation.find(
        variables: variables, executablePath: InstallLocation.currentExecutable)
    else {
      throw ValidationError(
        "cannot find assist's share/ folder next to the binary; set ASSIST_HOME to the checkout")
    }
    return Environment(
      variables: variables, transport: try CurlTransport(),
      paths: AssistPaths(variables: variables, installDirectory: install))
  }

  /// The merged configuration for the current directory's repository.
  static func config(_ environment: Environment) throws -> AssistConfig {
    try ConfigLoader.load(
      paths: environment.paths,
      repositoryRoot: ConfigLoader.repositoryRoot(from: FileManager.default.currentDirectoryPath),
      variables: environment.variables)
  }
}
