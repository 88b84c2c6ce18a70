import AssistKit
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `scripts/bench-edits`: the numbers for BENCHMARKS.md ("Edits and the gate"). Off unless
/// `ASSIST_BENCH_EDITS` names the file to write the report to; times go into the report, never
/// into assertions.
@Suite struct EditsBenchmark {
  static let report = ProcessInfo.processInfo.environment["ASSIST_BENCH_EDITS"]

  static func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }

  /// The calling thread's CPU time (the bench shares 2 cores with other work, so wall time alone
  /// would measure the neighbours too).
  static func threadCPUTime() -> Duration {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
  }

  /// Runs `body` (synchronous, so on one thread) and returns its wall and thread CPU time.
  static func measure(_ body: () throws -> Void) rethrows -> (wall: Duration, cpu: Duration) {
    let clock = ContinuousClock()
    let cpu = threadCPUTime()
    let start = clock.now
    try body()
    return (clock.now - start, threadCPUTime() - cpu)
  }

  static func milliseconds(_ duration: Duration) -> String {
    let ms =
      Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    return String(format: "%.1f ms", ms)
  }

  @Test(.enabled(if: report != nil)) func corpusPerturbationsAndModelReplies() async throws {
    var text = ""
    let corpus = try EditFixtures.text("aider/chat-history.md")
    let sections = AiderCorpus.sections(of: corpus)
    let format = SearchReplaceFormat()
    let clock = ContinuousClock()

    // 1. Parse every section of the 4 MB corpus as one reply (Aider's sectioning is not timed).
    var replies: [[FileEdit]] = []
    var parseTimes: [Duration] = []
    var parseCPU: [Duration] = []
    for run in 0..<7 {
      var found: [[FileEdit]] = []
      let (time, cpu) = Self.measure {
        for section in sections {
          if let edits = try? format.parse(reply: section.content), !edits.isEmpty {
            found.append(edits)
          }
        }
      }
      parseTimes.append(time)
      parseCPU.append(cpu)
      if run == 0 { replies = found }
    }
    let edits = replies.flatMap { $0 }
    // 2. Match every reply's blocks, in order, against a stand-in for each file: all the lines the
    // corpus quotes from that path, in order (so most blocks are found exactly once, and a
    // passage quoted in several replies is ambiguous). The real files are not in the corpus.
    var files: [String: String] = [:]
    for edit in edits {
      if case .replace(let search, _, _) = edit.change { files[edit.path, default: ""] += search }
    }
    var outcomes: [BlockOutcome] = []
    var matchTimes: [Duration] = []
    var matchCPU: [Duration] = []
    for run in 0..<7 {
      var all: [BlockOutcome] = []
      let (time, cpu) = try Self.measure {
        for reply in replies { all += try EditApplier().apply(reply) { files[$0] }.outcomes }
      }
      matchTimes.append(time)
      matchCPU.append(cpu)
      if run == 0 { outcomes = all }
    }
    let bytes = corpus.utf8.count
    text += "### The Aider corpus (\(bytes / 1000) kB, \(sections.count) sections)\n\n"
    let m = { (values: [Duration]) in Self.milliseconds(Self.median(values)) }
    text += "| step | wall, median of 7 | thread CPU, median of 7 | what |\n|---|---|---|---|\n"
    text +=
      "| parse | \(m(parseTimes)) | \(m(parseCPU)) | \(edits.count) blocks from all sections |\n"
    text +=
      "| match | \(m(matchTimes)) | \(m(matchCPU)) | \(edits.count) blocks in \(replies.count) replies, "
    text +=
      "against \(files.count) stand-in files of \(files.values.reduce(0) { $0 + $1.utf8.count } / 1000) kB |\n"
    let total = { (a: [Duration], b: [Duration]) in
      Self.milliseconds(Self.median(a) + Self.median(b))
    }
    text +=
      "| parse + match | \(total(parseTimes, matchTimes)) | \(total(parseCPU, matchCPU)) | |\n\n"
    let strategies = Dictionary(
      grouping: outcomes, by: { $0.strategy?.rawValue ?? $0.failure?.kind.rawValue ?? "written" })
    text += "Match outcomes on the corpus: "
    text += strategies.keys.sorted().map { "\($0) \(strategies[$0]?.count ?? 0)" }.joined(
      separator: ", ")
    text += "\n\n"

    // 3. The perturbation suite.
    let start = clock.now
    let results = try await PerturbationSuite.run()
    let elapsed = clock.now - start
    text +=
      "### Perturbation suite (50 real Aider commits, \(results.count) cases, \(Self.milliseconds(elapsed)))\n\n"
    text += PerturbationSuite.table(results) + "\n"

    // 4. The recorded local-model replies.
    text += "### Recorded replies of the local models (6 tasks each)\n\n"
    text += "Accepted / refused at parse / at match / at gate. \"Path hint\" passes the task's one "
    text += "file as the default path for edits that name none (how the coordinator calls it).\n\n"
    text += "| model | format | no path hint | with path hint |\n|---|---|---|---|\n"
    var plain: [String: ModelReplyTests.Summary] = [:]
    var hinted: [String: ModelReplyTests.Summary] = [:]
    for name in ModelReplyTests.names {
      plain[name] = try await ModelReplyTests.summary(of: name, pathHint: false)
      hinted[name] = try await ModelReplyTests.summary(of: name)
    }
    func cell(_ summaries: [String: ModelReplyTests.Summary], _ model: String, _ format: String)
      -> String
    {
      let rows = summaries.filter { $0.key.contains(".\(model).\(format).") }.map(\.value)
      return ["accepted", "parse", "match", "gate"].map { stage in
        String(rows.filter { $0.stage == stage }.count)
      }.joined(separator: " / ")
    }
    for model in ["qwen2.5-coder-0.5b", "qwen2.5-coder-1.5b"] {
      for format in ["search-replace", "udiff", "whole-file", "patch"] {
        text +=
          "| \(model) | \(format) | \(cell(plain, model, format)) | \(cell(hinted, model, format)) |\n"
      }
    }
    try text.write(toFile: try #require(Self.report), atomically: true, encoding: .utf8)
  }
}
