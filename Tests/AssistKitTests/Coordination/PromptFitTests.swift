import AssistKit
import AssistTesting
import Foundation
import Testing

/// A 600-line function in a 2,500-line file (python-tabulate's `tabulate()`): the prompt fits
/// the 8,192-token window, and routing measures exactly the prompt the sub-agent sends.
@Suite struct PromptFitTests {
  typealias Harness = CoordinatorTests.Harness

  static let task = "tabulate ignores colalign: the second column stays right-aligned"
  static let tests = """
    import unittest

    from pkg.table import tabulate


    class TableTests(unittest.TestCase):
        def test_colalign(self):
            self.assertIn("x", tabulate([["x"]], colalign=["left"]))

    """

  /// Estimated tokens of a request's messages, counted as the sub-agent counts them.
  private func tokens(_ messages: [[String: String]]) -> Int {
    messages.reduce(0) { $0 + RepoContext.estimatedTokens($1["content"] ?? "") }
  }

  @Test func aSixHundredLineFunctionFitsTheWindowAndRoutingMeasuresWhatIsSent() async throws {
    let module = BigFunctionModule.text(lines: 2_500)
    let small = try ScriptedModelServer(replies: ["I would change the alignment."])
    let medium = try ScriptedModelServer(replies: ["I would change the alignment."])
    let harness = try Harness(
      smallURL: small.url, mediumURL: medium.url,
      files: [BigFunctionModule.path: module, "pkg/__init__.py": "", "test_table.py": Self.tests])
    let options = TaskOptions(task: Self.task, singleAgent: true, verify: false, reflections: 0)
    let preview = try await Coordinator(
      environment: harness.environment, repositoryPath: harness.repo.path
    ).preview(options)
    let routed = try #require(preview.items.first)
    let report = try await harness.run(options)

    let sent = small.messages(ofRequest: 0)
    #expect(sent.first?["role"] == "system", "the system prompt is part of what is measured")
    let user = try #require(sent.last?["content"])
    // The function was windowed, not shown whole.
    #expect(user.contains("is too long to show whole"), "\(user.prefix(2_000))")
    #expect(user.contains("of tabulate not shown …"))
    let measured = tokens(sent)
    #expect(
      routed.promptTokens == measured + 450, "routing \(routed.promptTokens), sent \(measured)")
    // The design agent's replies may take 3,072 tokens: the prompt leaves them room.
    #expect(measured + 3_072 <= 8_192, "sent \(measured) tokens")
    #expect(report.results.first?.attempts.first?.detail.contains("do not fit") == false)
    // The whole function alone would not have fit the window.
    let lines = module.split(separator: "\n", omittingEmptySubsequences: false)
    let start = try #require(
      BigFunctionModule.line(
        "def tabulate(tabular_data, headers=(), tablefmt=\"simple\", colalign=None,", in: module))
    let whole = lines[(start - 1)..<(start + 595)].joined(separator: "\n")
    #expect(RepoContext.estimatedTokens(whole) > 8_192)
  }
}
