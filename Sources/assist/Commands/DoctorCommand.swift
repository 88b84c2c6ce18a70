import ArgumentParser
import AssistKit
import Foundation

/// `assist doctor`: checks libraries, store, config, runtime, models and servers.
struct DoctorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Check that everything assist needs is installed and working, and say how to fix it.")

  @Flag(help: "Print the checks as JSON.")
  var json = false

  func run() async throws {
    let environment = try LiveEnvironment.make()
    let config = Result { try LiveEnvironment.config(environment) }
    let checks = await Doctor.run(
      environment: environment, config: config,
      repositoryRoot: ConfigLoader.repositoryRoot(from: FileManager.default.currentDirectoryPath))
    if json {
      try Output.json(checks)
    } else {
      for check in checks {
        let mark =
          switch check.status {
          case .ok: "ok  "
          case .warning: "warn"
          case .failed: "FAIL"
          }
        print("\(mark)  \(check.name): \(check.detail)")
        if let fix = check.fix, check.status != .ok { print("      fix: \(fix)") }
      }
    }
    if checks.contains(where: { $0.status == .failed }) { throw ExitCode.failure }
  }
}
