import AssistKit
import Foundation
import Testing

/// `ASSIST_BENCH_TARGETED=/path/to/clone ASSIST_BENCH_TARGETED_FILES=a.py,b.py
/// ASSIST_BENCH_TARGETED_SUITE='python3 -m pytest -q' swift test --skip-build --filter
/// TargetedTestsBenchmarks`: per changed file, the tests ``TestSelection`` picks and the time of
/// that targeted run against the whole suite, on the clone's HEAD, as a Markdown table.
@Suite(
  .serialized,
  .enabled(if: ProcessInfo.processInfo.environment["ASSIST_BENCH_TARGETED"] != nil))
struct TargetedTestsBenchmarks {
  private static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  @Test func targetedRunsAgainstTheWholeSuite() async throws {
    let variables = ProcessInfo.processInfo.environment
    let root = try #require(variables["ASSIST_BENCH_TARGETED"])
    let suite = variables["ASSIST_BENCH_TARGETED_SUITE"] ?? "python3 -m pytest -q"
    let changed = (variables["ASSIST_BENCH_TARGETED_FILES"] ?? "").split(separator: ",")
      .map(String.init)
    var files: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let path = enumerator?.nextObject() as? String {
      guard !path.hasPrefix(".git"), path.hasSuffix(".py") || path.hasSuffix(".js") else {
        continue
      }
      files[path] = try? String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }
    let verifier = Verifier(environment: variables, timeout: .seconds(600))
    let whole = try await verifier.run(suite, repository: root)
    var rows = [
      "| changed file | test files selected | targeted tests | targeted s | status |",
      "|---|---|---:|---:|---|",
    ]
    for path in changed {
      let selection = TestSelection.select(changed: [path], files: files, suite: suite)
      guard let command = selection.command else {
        rows.append("| \(path) | none: \(selection.reason) | | | |")
        continue
      }
      let run = try await verifier.run(command, repository: root)
      let names = selection.tests.map { ($0 as NSString).lastPathComponent }
      rows.append(
        "| \(path) | \(names.joined(separator: ", ")) | \(run.testsRun.map(String.init) ?? "?") | "
          + "\(String(format: "%.2f", Self.seconds(run.duration))) | \(run.status.rawValue) |")
    }
    rows.append(
      "| (whole suite `\(suite)`) | all | \(whole.testsRun.map(String.init) ?? "?") | "
        + "\(String(format: "%.2f", Self.seconds(whole.duration))) | \(whole.status.rawValue) |")
    print(rows.joined(separator: "\n"))
    #expect(whole.status != .couldNotRun)
  }
}
