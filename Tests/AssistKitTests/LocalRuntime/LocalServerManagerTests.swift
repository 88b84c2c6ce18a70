import AssistKit
import AssistTesting
import Foundation
import HTTP
import Testing

/// The real bundled llama.cpp server with the real 0.5B model: launch, health, props, stop.
@Suite(.serialized)  // each test owns a llama.cpp server; two at once would fight over 2 cores
struct LocalServerManagerTests {
  static let enabled =
    ProcessInfo.processInfo.environment["ASSIST_E2E"] == "1"
    && FileManager.default.fileExists(atPath: BundledModel.small)

  private func manager(startTimeout: Duration = .seconds(120)) throws -> (
    LocalServerManager, String
  ) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("local-\(UUID())").path
    let env = ProcessInfo.processInfo.environment
    let paths = AssistPaths(
      configDirectory: dir + "/config", stateDirectory: dir + "/state",
      cacheDirectory: BundledModel.directory.replacingOccurrences(
        of: "/assist/models", with: "/assist"),
      dataDirectory: AssistPaths(variables: env, installDirectory: projectRoot).dataDirectory,
      installDirectory: projectRoot)
    return (
      LocalServerManager(paths: paths, transport: try CurlTransport(), startTimeout: startTimeout),
      dir
    )
  }

  private func tier(port: Int, model: String = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf") -> Tier {
    Tier(
      name: "test-small", model: "qwen2.5-coder-0.5b-instruct",
      endpoints: ["http://127.0.0.1:\(port)"],
      contextWindow: 2048, slots: 2, local: .init(modelFile: model, port: port, context: 2048))
  }

  @Test(.enabled(if: enabled))
  func startReportsHealthyWithTheServersOwnContextAndSlotsThenStopLeavesNoProcess()
    async throws
  {
    let (manager, dir) = try manager()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let tier = tier(port: 18_591)
    let record = try await manager.start(tier)
    let status = await manager.status(tier)
    #expect(status.state == .healthy)
    #expect(status.contextSize == 1024)  // per request: the server splits its 2048 over 2 slots
    #expect(status.slots == 2)
    #expect(status.quantization == "Q4_K_M")
    // Starting again finds the running server instead of launching a second one.
    #expect(try await manager.start(tier).pid == record.pid)
    #expect(await manager.stop(tier: tier.name))
    #expect(!isRunning(record.pid))
    #expect(await manager.status(tier).state == .stopped)
    #expect(!(await manager.isHealthy(port: 18_591)))
  }

  @Test(.enabled(if: enabled)) func aServerThatDiesIsReportedAsCrashedWithItsLog() async throws {
    let (manager, dir) = try manager()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let tier = tier(port: 18_592)
    let record = try await manager.start(tier)
    kill(record.pid, SIGKILL)
    for _ in 0..<50 where isRunning(record.pid) { try await Task.sleep(for: .milliseconds(100)) }
    let status = await manager.status(tier)
    #expect(status.state == .crashed)
    #expect(status.note?.contains(record.logPath) == true)
    #expect(!(await manager.stop(tier: tier.name)))  // nothing of ours left to stop
  }

  @Test(.enabled(if: enabled)) func aPortInUseIsRefusedBeforeLaunching() async throws {
    let (manager, dir) = try manager()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let squatter = try LoopbackServer(replies: [])
    let error = await #expect(throws: LocalRuntimeError.self) {
      _ = try await manager.start(self.tier(port: squatter.port))
    }
    #expect(error == .portInUse(port: squatter.port, tier: "test-small"))
    #expect(manager.record(for: "test-small") == nil)
  }

  @Test func aMissingOrCorruptModelFileIsRefusedWithTheFix() async throws {
    let (manager, dir) = try manager()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let error = await #expect(throws: LocalRuntimeError.self) {
      _ = try await manager.start(self.tier(port: 18_593, model: dir + "/missing.gguf"))
    }
    #expect(error?.description.contains("run scripts/setup") == true)
    #expect(manager.record(for: "test-small") == nil)
  }
}

/// Whether `pid` runs and is not a zombie (an orphan's zombie waits for init to reap it).
func isRunning(_ pid: Int32) -> Bool {
  guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
    let close = stat.lastIndex(of: ")")
  else { return false }
  return !stat[stat.index(after: close)...].hasPrefix(" Z")
}
