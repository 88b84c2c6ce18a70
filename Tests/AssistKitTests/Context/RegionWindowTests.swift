import AssistKit
import AssistTesting
import Foundation
import Git
import Testing

/// A definition too large for its slice is shown as a window: real repositories, the real index,
/// edits mapped back into a 3,000-line file.
@Suite struct RegionWindowTests {
  static let path = BigFunctionModule.path
  static let module = BigFunctionModule.text(lines: 3_000)
  static let budget = 4_000

  private func context() async throws -> (RepoContext, Definition, TemporaryRepository) {
    let repo = try TemporaryRepository(files: [Self.path: Self.module])
    let context = try await RepoContext.load(from: try Repository(at: repo.path))
    let tabulate = try #require(context.index.named("tabulate").first)
    return (context, tabulate, repo)
  }

  private func line(_ text: String) throws -> Int {
    try #require(BigFunctionModule.line(text, in: Self.module))
  }

  private var wholeLines: [Substring] {
    Self.module.split(separator: "\n", omittingEmptySubsequences: false)
  }

  @Test func theFixtureIsASixHundredLineFunctionLargerThanTheWindow() async throws {
    let (_, tabulate, _) = try await context()
    #expect((590...610).contains(tabulate.lineCount), "\(tabulate.lineCount)")
    let source = wholeLines[(tabulate.startLine - 1)..<tabulate.endLine].joined(separator: "\n")
    // Like python-tabulate's `tabulate()`: alone it does not fit an 8,192-token window.
    #expect(RepoContext.estimatedTokens(source) > 8_192, "\(RepoContext.estimatedTokens(source))")
  }

  @Test func theWindowIsCentredOnTheTracebackLine() async throws {
    let (context, tabulate, _) = try await context()
    let traced = try line(BigFunctionModule.widthLine(50))
    let failure = """
      Traceback (most recent call last):
        File "/tmp/x/tests/test_table.py", line 12, in test_widths
        File "/tmp/x/pkg/table.py", line \(traced), in tabulate
      TypeError: '>' not supported
      """
    let evidence = SliceEvidence(failure: failure, paths: [Self.path], task: "", names: [])
    let slice = try #require(
      SliceBuilder(context: context).slice(
        path: Self.path, focus: [tabulate], budget: Self.budget, evidence: evidence))
    let window = try #require(slice.window)
    #expect(window.anchor == .traceback(line: traced))
    #expect(window.lines.contains(traced))
    let above = traced - window.lines.lowerBound
    let below = window.lines.upperBound - traced
    #expect(abs(above - below) <= 2, "\(above) above, \(below) below")
    #expect(window.lines.count < tabulate.lineCount / 2)
    #expect(slice.tokens <= Self.budget)
    // The region is the window's lines exactly, so edits map back by line range.
    #expect((slice.startLine, slice.endLine) == (window.lines.lowerBound, window.lines.upperBound))
    #expect(
      slice.region
        == wholeLines[(slice.startLine - 1)..<slice.endLine].map { $0 + "\n" }.joined())
  }

  @Test func theHeadAndMarkersNameWhatIsNotShown() async throws {
    let (context, tabulate, _) = try await context()
    let traced = try line(BigFunctionModule.widthLine(50))
    let slice = try #require(
      SliceBuilder(context: context).slice(
        path: Self.path, focus: [tabulate], budget: Self.budget,
        evidence: SliceEvidence(lines: [Self.path: [traced]], words: [])))
    let window = try #require(slice.window)
    let head = try #require(window.head)
    #expect(head.lowerBound == tabulate.startLine)
    // The signature over two lines and the docstring through its close.
    #expect(head.upperBound == tabulate.startLine + 5)
    #expect(slice.text.contains("def tabulate(tabular_data, headers=(), tablefmt=\"simple\""))
    #expect(slice.text.contains("    Rows are measured column by column"))
    #expect(
      slice.text.contains(
        "… lines \(head.upperBound + 1)–\(window.lines.lowerBound - 1) of tabulate not shown …"))
    #expect(
      slice.text.contains(
        "… lines \(window.lines.upperBound + 1)–\(tabulate.endLine) of tabulate not shown …"))
    #expect(slice.text.contains("only these lines may be changed"))
  }

  @Test func withoutATracebackTheWindowFollowsTheTaskWords() async throws {
    let (context, tabulate, _) = try await context()
    let colalign = try line("    if colalign is not None:")
    let evidence = SliceEvidence(
      failure: nil, paths: [Self.path],
      task: "tabulate ignores colalign: the second column stays right-aligned",
      names: ["tabulate"])
    let slice = try #require(
      SliceBuilder(context: context).slice(
        path: Self.path, focus: [tabulate], budget: Self.budget, evidence: evidence))
    let window = try #require(slice.window)
    #expect(window.anchor == .taskWords)
    #expect(window.lines.contains(colalign) && window.lines.contains(colalign + 2))
    #expect(window.head != nil, "the signature, far above, is shown as the head")
  }

  @Test func withNoEvidenceTheWindowIsTheDefinitionsHead() async throws {
    let (context, tabulate, _) = try await context()
    let slice = try #require(
      SliceBuilder(context: context).slice(
        path: Self.path, focus: [tabulate], budget: Self.budget))
    let window = try #require(slice.window)
    #expect(window.anchor == .head)
    #expect(window.head == nil, "the window starts with the head itself")
    #expect(window.lines.lowerBound == tabulate.startLine)
    #expect(window.lines.upperBound < tabulate.endLine)
    #expect(
      slice.text.contains(
        "… lines \(window.lines.upperBound + 1)–\(tabulate.endLine) of tabulate not shown …"))
  }

  @Test func anEditInsideTheWindowLandsAtItsLineOfTheWholeFile() async throws {
    let (context, tabulate, _) = try await context()
    let traced = try line(BigFunctionModule.widthLine(50))
    let slice = try #require(
      SliceBuilder(context: context).slice(
        path: Self.path, focus: [tabulate], budget: Self.budget,
        evidence: SliceEvidence(lines: [Self.path: [traced]], words: [])))
    // The guard lines repeat in every block of the function: the window holds them once or a few
    // times, so the quote names the block by its first line.
    let first = BigFunctionModule.widthLine(50)
    let reply = """
      \(Self.path)
      ```python
      <<<<<<< SEARCH
      \(first)
          if width_50 > maxcolwidths_limit_value:
      =======
      \(first)
          if width_50 >= maxcolwidths_limit_value:
      >>>>>>> REPLACE
      ```
      """
    let format = SliceFormat(slices: [slice], files: [Self.path: Self.module])
    let edits = try format.parse(reply: reply, defaultPath: nil)
    guard case .write(let edited) = try #require(edits.first).change else {
      Issue.record("not a whole-file write: \(edits)")
      return
    }
    let after = edited.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(after.count == wholeLines.count)
    let changed = zip(wholeLines, after).enumerated().filter { $0.element.0 != $0.element.1 }
      .map { $0.offset + 1 }
    #expect(changed == [traced + 1])
    #expect(after[traced] == "    if width_50 >= maxcolwidths_limit_value:")
  }

  @Test func anEditOutsideTheWindowIsRefusedWithAskForAWiderSlice() async throws {
    let (context, tabulate, _) = try await context()
    let traced = try line(BigFunctionModule.widthLine(50))
    let slice = try #require(
      SliceBuilder(context: context).slice(
        path: Self.path, focus: [tabulate], budget: Self.budget,
        evidence: SliceEvidence(lines: [Self.path: [traced]], words: [])))
    let window = try #require(slice.window)
    let far = try line(BigFunctionModule.widthLine(5))
    #expect(!window.lines.contains(far))
    // A line not shown at all, and the signature (shown as the head, but not editable).
    for quote in [
      BigFunctionModule.widthLine(5),
      "             maxcolwidths=None):",
    ] {
      let reply =
        "\(Self.path)\n```python\n<<<<<<< SEARCH\n\(quote)\n=======\n\(quote) # changed\n>>>>>>> REPLACE\n```\n"
      let format = SliceFormat(slices: [slice], files: [Self.path: Self.module])
      do {
        let edits = try format.parse(reply: reply, defaultPath: nil)
        Issue.record("an edit outside the window was mapped: \(edits.count) edit(s)")
      } catch let error as EditParseError {
        #expect(error.reason.hasPrefix(SliceFormat.outsideReason))
        #expect(error.reason.contains("wider slice of tabulate"), "\(error.reason)")
        #expect(
          error.reason.contains("lines \(window.lines.lowerBound)–\(window.lines.upperBound)"))
      }
    }
  }

  @Test func theWiderRoundShowsMoreAndStaysWithinTheBudget() async throws {
    let (context, tabulate, _) = try await context()
    let traced = try line(BigFunctionModule.widthLine(50))
    let evidence = SliceEvidence(lines: [Self.path: [traced]], words: [])
    let builder = SliceBuilder(context: context)
    let first = try #require(
      builder.slice(
        path: Self.path, focus: [tabulate], budget: Self.budget, evidence: evidence))
    let wider = try #require(
      builder.slice(
        path: Self.path, focus: [tabulate], budget: Self.budget, padding: 60, evidence: evidence))
    let (a, b) = (try #require(first.window), try #require(wider.window))
    #expect(b.lines.count > a.lines.count)
    #expect(b.lines.contains(traced))
    #expect(wider.tokens <= Self.budget)
  }

  @Test func onlyFunctionsAreListedAsCallers() async throws {
    let (context, tabulate, _) = try await context()
    let slice = try #require(
      SliceBuilder(context: context).slice(
        path: Self.path, focus: [tabulate], budget: Self.budget))
    #expect(slice.text.contains("in def show(rows):"))
    #expect(!slice.text.contains("in class Formatter"))
  }

  @Test func aFunctionLargerThanTheTiersBudgetIsNotShownAlone() throws {
    let extent = try #require(SymbolExtent.find("tabulate", in: Self.module, path: Self.path))
    let large = FunctionFormat(path: Self.path, extent: extent, content: Self.module)
    let budget = ScopeView.budget(window: 8_192, maxTokens: 2_048)
    #expect(!FunctionFocus.fits(large, budget: budget))
    let small = try #require(SymbolExtent.find("show", in: Self.module, path: Self.path))
    #expect(
      FunctionFocus.fits(
        FunctionFormat(path: Self.path, extent: small, content: Self.module), budget: budget))
  }
}
