internal import Foundation
internal import Git
internal import HTTP
internal import Subprocess
internal import SystemPackage

/// One line of `assist doctor`: what was checked, how it went, and how to fix it.
package struct DoctorCheck: Sendable, Codable, Equatable {
  /// How a check went.
  package enum Status: String, Sendable, Codable {
    /// Fine.
    case ok
    /// Works, with a caveat.
    case warning
    /// Broken; `fix` says what to do.
    case failed
  }

  /// What was checked.
  package var name: String
  /// The outcome.
  package var status: Status
  /// What was found.
  package var detail: String
  /// How to fix it, when not ok.
  package var fix: String?
}

/// Checks everything assist depends on and says how to fix what is missing.
package enum Doctor {
  /// Runs every check.
  /// - Parameters:
  ///   - environment: The live environment.
  ///   - config: The loaded configuration, or the error loading it.
  package static func run(
    environment: Environment, config loaded: Result<AssistConfig, any Error>,
    repositoryRoot: String? = nil
  ) async -> [DoctorCheck] {
    var checks: [DoctorCheck] = [
      DoctorCheck(name: "libgit2", status: .ok, detail: LibGit2Info.version, fix: nil),
      DoctorCheck(name: "libcurl", status: .ok, detail: LibCurlInfo.version, fix: nil),
    ]
    do {
      let store = try Store(path: environment.paths.storePath)
      let migrations = try store.appliedMigrations()
      checks.append(
        .init(
          name: "store", status: .ok,
          detail: "\(store.path) (\(migrations.count) migrations)", fix: nil))
    } catch {
      checks.append(
        .init(name: "store", status: .failed, detail: "\(error)", fix: "move the file aside"))
    }
    let config: AssistConfig
    switch loaded {
    case .success(let loaded):
      config = loaded
      checks.append(
        .init(name: "config", status: .ok, detail: loaded.sources.joined(separator: ", "), fix: nil)
      )
    case .failure(let error):
      checks.append(
        .init(
          name: "config", status: .failed, detail: "\(error)", fix: "edit the file at that line"))
      return checks
    }
    checks.append(await runtimeCheck(python: environment.paths.runtimePython))
    if let repositoryRoot {
      let pytest = await ToolProbe.pytestAvailable(environment: environment.variables)
      let found = TestCommandDiscovery.discover(
        in: repositoryRoot, config: config.verify, pytestAvailable: pytest)
      checks.append(
        .init(
          name: "verification", status: found.command == nil ? .warning : .ok,
          detail: found.command.map { "`\($0.command)`: \(found.reason)" } ?? found.reason,
          fix: found.command == nil ? "set verify.command in .assist/config.yaml" : nil))
    }
    let manager = LocalServerManager(paths: environment.paths, transport: environment.transport)
    for tier in config.localTiers {
      guard let local = tier.local else { continue }
      let path = manager.modelPath(for: local)
      switch await ModelFileCheck.verify(path: path, expected: local.sha256) {
      case .verified:
        let header = try? GGUFHeader.read(path: path)
        checks.append(
          .init(
            name: "model \(tier.name)", status: .ok,
            detail: "\(path) sha256 ok, \(header?.quantization ?? "?")", fix: nil))
      case .unverified:
        checks.append(
          .init(
            name: "model \(tier.name)", status: .warning, detail: "\(path) (no sha256 configured)",
            fix: nil))
      case .missing:
        checks.append(
          .init(
            name: "model \(tier.name)", status: .failed, detail: "\(path) is missing",
            fix: "run scripts/setup"))
      case .mismatch(let actual):
        checks.append(
          .init(
            name: "model \(tier.name)", status: .failed, detail: "\(path) has sha256 \(actual)",
            fix: "delete it and run scripts/setup"))
      }
      let status = await manager.status(tier)
      checks.append(
        .init(
          name: "server \(tier.name)", status: status.state == .healthy ? .ok : .warning,
          detail: status.state == .healthy
            ? "healthy on 127.0.0.1:\(status.port), pid \(status.pid.map(String.init) ?? "?")"
            : "\(status.state.rawValue)\(status.note.map { ": \($0)" } ?? "")",
          fix: status.state == .healthy ? nil : "assist local start \(tier.name)"))
    }
    for (tier, reason) in config.disabledTiers.sorted(by: { $0.key < $1.key }) {
      checks.append(
        .init(
          name: "tier \(tier)", status: .warning, detail: "off: \(reason)",
          fix:
            "export the key to enable it; without it, cloud work goes to the strongest local tier"))
    }
    for tier in config.tiers where tier.local == nil {
      let key = tier.apiKeyEnvironment.map {
        (environment.variables[$0] ?? "").isEmpty ? "missing" : "set"
      }
      checks.append(
        .init(
          name: "tier \(tier.name)", status: key == "missing" ? .failed : .ok,
          detail: "\(tier.api.rawValue) \(tier.model) at \(tier.endpoints.joined(separator: ", "))"
            + (key.map { ", key \($0)" } ?? ""),
          fix: key == "missing" ? "export \(tier.apiKeyEnvironment ?? "the key")" : nil))
    }
    return checks
  }

  private static func runtimeCheck(python: String) async -> DoctorCheck {
    guard FileManager.default.isExecutableFile(atPath: python) else {
      return .init(
        name: "runtime", status: .failed, detail: "\(python) not found", fix: "run scripts/setup")
    }
    let result = try? await Subprocess.run(
      .path(FilePath(python)),
      arguments: ["-c", "import importlib.metadata as m; print(m.version('xllamacpp'))"],
      output: .string(limit: 256), error: .discarded)
    guard let result, result.terminationStatus.isSuccess,
      let version = Optional(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)),
      !version.isEmpty
    else {
      return .init(
        name: "runtime", status: .failed, detail: "xllamacpp is not importable",
        fix: "run scripts/setup")
    }
    return .init(name: "runtime", status: .ok, detail: "xllamacpp \(version) (\(python))", fix: nil)
  }
}
