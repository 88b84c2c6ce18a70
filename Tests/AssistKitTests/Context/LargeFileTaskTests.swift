import AssistKit
import AssistTesting
import Foundation
import HTTP
import Testing

/// A run on a 3,000-line module: localization finds the function the task names, the sub-agent
/// is shown it (or a slice around it), not the file, and the edit lands on the one line it means
/// although the same lines occur in every other function of the file.
@Suite struct LargeFileTaskTests {
  static let fence = "```"

  /// `big.py`: filler functions that all hold `ordered = sorted(values)` and a `return ordered[…]`
  /// line, and `middle`, half way, off by one.
  static let module: String = {
    var lines: [String] = []
    var i = 0
    func filler() {
      lines += [
        "def f\(i)(values):", "    ordered = sorted(values)",
        "    return ordered[len(ordered) // 2 + 1]",
        "", "",
      ]
      i += 1
    }
    while lines.count < 1_500 { filler() }
    lines += [
      "def middle(values):", "    \"\"\"The middle value of an odd-length list.\"\"\"",
      "    ordered = sorted(values)", "    return ordered[len(ordered) // 2 + 1]", "", "",
    ]
    while lines.count < 3_000 { filler() }
    return lines.joined(separator: "\n")
  }()

  static let test = """
    import unittest

    from big import middle


    class MiddleTests(unittest.TestCase):
        def test_middle(self):
            self.assertEqual(middle([3, 1, 2, 5, 4]), 3)

    """

  static let task = "middle returns the wrong element: middle([3, 1, 2, 5, 4]) must be 3"

  static var fixed: String {
    module.replacingOccurrences(
      of:
        "def middle(values):\n    \"\"\"The middle value of an odd-length list.\"\"\"\n    ordered = sorted(values)\n    return ordered[len(ordered) // 2 + 1]",
      with:
        "def middle(values):\n    \"\"\"The middle value of an odd-length list.\"\"\"\n    ordered = sorted(values)\n    return ordered[len(ordered) // 2]"
    )
  }

  private func environment(small: String, medium: String) throws -> Environment {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("large-\(UUID())").path
    try FileManager.default.createDirectory(
      atPath: home + "/config", withIntermediateDirectories: true)
    try """
    tiers:
      - name: local-small
        endpoints: [\(small)]
      - name: local-medium
        endpoints: [\(medium)]
    verify:
      command: python3 -m unittest -q
      timeout_seconds: 60
    """.write(toFile: home + "/config/config.yaml", atomically: true, encoding: .utf8)
    return Environment(
      variables: [
        "HOME": home, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      ],
      transport: try CurlTransport(),
      paths: AssistPaths(
        configDirectory: home + "/config", stateDirectory: home + "/state",
        cacheDirectory: home + "/cache", installDirectory: projectRoot))
  }

  @Test func aNamedFunctionInALargeFileIsShownAloneAndFixedInPlace() async throws {
    let reply = """
      \(Self.fence)python
      def middle(values):
          \"\"\"The middle value of an odd-length list.\"\"\"
          ordered = sorted(values)
          return ordered[len(ordered) // 2]
      \(Self.fence)
      """
    let small = try ScriptedModelServer(replies: [reply])
    let medium = try ScriptedModelServer(replies: ["unused"])
    let repo = try TemporaryRepository(files: ["big.py": Self.module, "test_big.py": Self.test])
    let coordinator = Coordinator(
      environment: try environment(small: small.url, medium: medium.url), repositoryPath: repo.path)
    let report = try await coordinator.run(TaskOptions(task: Self.task, singleAgent: true))
    #expect(report.run.status == .proposed, "\(report.results.first?.detail ?? "")")
    let place = try #require(report.places.first)
    #expect((place.path, place.symbol) == ("big.py", "middle"))
    let result = try #require(report.results.first)
    #expect(result.attempts.first?.format == "function")
    #expect(result.changes.first?.new == Self.fixed)
    let prompt = small.messages(ofRequest: 0).last?["content"] ?? ""
    #expect(prompt.contains(Self.task), "the user's task, verbatim")
    #expect(!prompt.contains("def f10("), "the rest of the file is not pasted")
    #expect(RepoContext.estimatedTokens(prompt) < 1_500)
  }

  /// Runs the task with both tiers scripted alike (routing may start on either) and returns the
  /// server of the tier that answered first.
  private func runSliced(_ replies: [String]) async throws -> (TaskReport, ScriptedModelServer) {
    let small = try ScriptedModelServer(replies: replies)
    let medium = try ScriptedModelServer(replies: replies)
    let repo = try TemporaryRepository(files: ["big.py": Self.module, "test_big.py": Self.test])
    let coordinator = Coordinator(
      environment: try environment(small: small.url, medium: medium.url), repositoryPath: repo.path)
    // An explicit format keeps function focus off: the sub-agent is shown a slice.
    let report = try await coordinator.run(
      TaskOptions(task: Self.task, singleAgent: true, editFormat: "search-replace"))
    let first = report.results.first?.attempts.first?.tier
    return (report, first == "local-medium" ? medium : small)
  }

  static func block(_ search: String, _ replace: String) -> String {
    "big.py\n\(fence)\n<<<<<<< SEARCH\n\(search)\n=======\n\(replace)\n>>>>>>> REPLACE\n\(fence)\n"
  }

  @Test func aQuoteEveryFunctionHasLandsInTheSlicedOne() async throws {
    let (report, small) = try await runSliced([
      Self.block(
        "    return ordered[len(ordered) // 2 + 1]", "    return ordered[len(ordered) // 2]")
    ])
    #expect(report.run.status == .proposed, "\(report.results.first?.detail ?? "")")
    let result = try #require(report.results.first)
    #expect(
      result.attempts.map(\.format) == ["slice"],
      "\(result.attempts.map { "\($0.tier) \($0.stage): \($0.detail)" })")
    #expect(result.changes.first?.new == Self.fixed)
    let prompt = small.messages(ofRequest: 0).last?["content"] ?? ""
    #expect(prompt.contains("big.py lines 1501–1504 of 3000"), "\(prompt.prefix(600))")
    #expect(prompt.contains(Self.task), "the user's task, verbatim")
    #expect(!prompt.contains("def f10("))
  }

  @Test func aQuoteFromOutsideTheSliceGetsOneRoundWithAWiderSlice() async throws {
    let (report, small) = try await runSliced([
      Self.block("def f3(values):", "def f3(values):"),
      Self.block(
        "    \"\"\"The middle value of an odd-length list.\"\"\"\n    ordered = sorted(values)\n    return ordered[len(ordered) // 2 + 1]",
        "    \"\"\"The middle value of an odd-length list.\"\"\"\n    ordered = sorted(values)\n    return ordered[len(ordered) // 2]"
      ),
    ])
    #expect(report.run.status == .proposed, "\(report.results.first?.detail ?? "")")
    let result = try #require(report.results.first)
    #expect(result.attempts.map(\.format) == ["slice", "slice"])
    #expect(result.attempts.first?.detail.contains("not in the code shown") == true)
    #expect(result.changes.first?.new == Self.fixed)
    let second = small.messages(ofRequest: 1).last?["content"] ?? ""
    #expect(second.contains("big.py lines 1441–1564 of 3000"), "60 lines more each side")
    #expect(second.contains(Self.task))
  }
}
