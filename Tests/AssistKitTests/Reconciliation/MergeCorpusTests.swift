import AssistKit
import Foundation
import Testing

/// The benchmarks' workloads, checked for what they must produce. The corpus run needs a corpus
/// written by `scripts/merge-corpus` (`ASSIST_MERGE_CORPUS=DIR`); numbers come from
/// `assist bench-reconcile`.
@Suite struct MergeCorpusTests {
  static let corpus = ProcessInfo.processInfo.environment["ASSIST_MERGE_CORPUS"]

  @Test func theTimedWorkloadHasEveryKindOfOutcome() throws {
    let timing = try ReconcileBenchmark.time(runs: 1)
    #expect(timing.conflicts["textual/merged", default: 0] > 0)
    #expect(timing.conflicts["stale-base/settled: dependency order: s9 builds on s8"] != nil)
    #expect(timing.conflicts["interpretive/settled: precedence: design over migration"] != nil)
  }

  @Test func aCorpusEntryIsAPairOfCompetingProposalsJudgedAgainstTheHuman() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID())")
      .path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let base = numbered(10)
    for (n, expected) in [(0, numbered(10, [5: "ours"])), (1, numbered(10, [5: "mixed"]))] {
      let dir = "\(root)/abc/\(n)/"
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      for (name, text) in [
        ("path", "f.txt"), ("base", base), ("ours", numbered(10, [5: "ours"])),
        ("theirs", numbered(10, [5: "theirs"])), ("expected", expected),
      ] {
        try text.write(toFile: dir + name, atomically: true, encoding: .utf8)
      }
    }
    let report = try MergeCorpus.run(try MergeCorpus.entries(root))
    #expect(report.entries == 2 && report.detected == 2 && report.leftForTheHuman == 2)
    #expect(report.oursWinsSettled == 2 && report.oursWinsMatching == 1)
    #expect(report.theirsWinsMatching == 0)
    #expect(report.humanKeptOurs == 1)
  }

  @Test(.enabled(if: corpus != nil)) func everyRealConflictOfTheCorpusIsDetected() throws {
    let report = try MergeCorpus.run(try MergeCorpus.entries(try #require(Self.corpus)))
    #expect(report.entries > 0)
    // An entry merged without a conflict must at least equal what the human committed.
    #expect(report.autoMerged == report.autoMergedMatching, "\(report.undetected)")
  }
}
