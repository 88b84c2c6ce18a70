import AssistKit
import Foundation
import Testing

/// Real patches, damaged the ways small models damage them: every case must end in the commit's
/// exact content or in a refusal — zero misapplied hunks.
@Suite struct PerturbationSuite {
  enum Result: String { case recovered, refused, misapplied }

  /// Runs every perturbation of every commit through parse → match → canonical diff.
  static func run() async throws -> [(perturbation: String, commit: String, result: Result)] {
    let commits = try EditFixtures.decode([Commit].self, "perturbation/aider-commits.json")
    let pipeline = EditPipeline(identifierPolicy: .off)
    var results: [(String, String, Result)] = []
    for commit in commits {
      let base = MemoryEditBase(files: [commit.path: commit.before])
      for perturbation in try Perturbations.all(for: commit) {
        let format = try #require(EditFormats.standard[perturbation.format])
        let outcome = try pipeline.prepare(reply: perturbation.reply, format: format, base: base)
        let content = outcome.changes.first { $0.path == commit.path }?.new
        let result: Result =
          !outcome.accepted
          ? .refused
          : (content == commit.after && !perturbation.mustRefuse ? .recovered : .misapplied)
        results.append((perturbation.name, commit.commit, result))
      }
    }
    return results
  }

  /// The table for BENCHMARKS.md: per perturbation, cases and how they ended.
  static func table(_ results: [(perturbation: String, commit: String, result: Result)]) -> String {
    var text =
      "| perturbation | cases | recovered | refused | misapplied |\n|---|---|---|---|---|\n"
    func row(_ name: String, _ rows: [(perturbation: String, commit: String, result: Result)]) {
      let count = { (result: Result) in rows.filter { $0.result == result }.count }
      text +=
        "| \(name) | \(rows.count) | \(count(.recovered)) | \(count(.refused)) | \(count(.misapplied)) |\n"
    }
    for name in Perturbations.names { row(name, results.filter { $0.perturbation == name }) }
    row("**all**", results)
    return text
  }

  @Test func everyDamagedReplyEndsInTheIntendedContentOrARefusal() async throws {
    let results = try await Self.run()
    let misapplied = results.filter { $0.result == .misapplied }
    #expect(misapplied.isEmpty, "\(misapplied.map { "\($0.commit): \($0.perturbation)" })")
    #expect(results.count > 600)
    // The damage the matcher exists to absorb is absorbed in every case.
    for name in [
      "udiff as is", "udiff, line numbers dropped", "udiff, line numbers shifted",
      "search/replace", "trailing whitespace added", "indentation removed", "indentation added",
      "quotes curled in search", "blocks reordered", "spurious blank lines", "whole file",
      "patch envelope",
    ] {
      let rows = results.filter { $0.perturbation == name }
      #expect(
        rows.allSatisfy { $0.result == .recovered },
        "\(name): \(rows.filter { $0.result != .recovered }.map(\.commit))")
    }
    #expect(
      results.filter { $0.perturbation == "matches twice" }.allSatisfy { $0.result == .refused })
    if let path = ProcessInfo.processInfo.environment["ASSIST_PERTURBATION_REPORT"] {
      try Self.table(results).write(toFile: path, atomically: true, encoding: .utf8)
    }
  }
}
