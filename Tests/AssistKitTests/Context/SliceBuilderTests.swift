import AssistKit
import AssistTesting
import Foundation
import Git
import Testing

@Suite struct SliceBuilderTests {
  /// A 3,000-line Python module: `first` at the top, a decorated `middle` with a nested function
  /// half way, `last` at the end, and filler functions that all hold the same lines.
  static let module: String = {
    var lines = [
      "def first(values):", "    total = 0", "    for v in values:", "        if v is None:",
      "            return None", "    return total", "",
    ]
    func filler(_ i: Int) {
      lines += [
        "def f\(i)(values):", "    \"\"\"Filler \(i).\"\"\"", "    total = 0",
        "    for v in values:",
        "        if v is None:", "            return None", "        total += v",
        "    return total",
        "",
      ]
    }
    var i = 0
    while lines.count < 1_500 {
      filler(i)
      i += 1
    }
    lines += [
      "@memo", "def middle(values):", "    def inner(v):", "        if v is None:",
      "            return None", "        return v", "    return [inner(v) for v in values]", "",
    ]
    while lines.count < 2_990 {
      filler(i)
      i += 1
    }
    lines += [
      "def last(values):", "    total = 0", "    for v in values:", "        if v is None:",
      "            return None", "    return total",
    ]
    return lines.joined(separator: "\n") + "\n"
  }()

  private func context() async throws -> (RepoContext, TemporaryRepository) {
    let repo = try TemporaryRepository(files: [
      "pkg/big.py": Self.module,
      "pkg/use.py": "from pkg.big import middle\n\ndef run(xs):\n    return middle(xs)\n",
    ])
    return (try await RepoContext.load(from: try Repository(at: repo.path)), repo)
  }

  @Test(arguments: ["first", "middle", "last"])
  func anEditOnASliceLandsAtItsLineOfTheWholeFileAndNowhereElse(_ name: String) async throws {
    let (context, _) = try await context()
    let definition = try #require(context.index.named(name).first)
    let slice = try #require(
      SliceBuilder(context: context).slice(path: "pkg/big.py", focus: [definition], budget: 2_000))
    #expect(slice.startLine == definition.startLine && slice.endLine == definition.endLine)
    let whole = Self.module.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(slice.region == whole[(slice.startLine - 1)..<slice.endLine].map { $0 + "\n" }.joined())
    // The quoted lines appear in every filler function: only the region makes them one place.
    let edit = FileEdit.replace(
      "pkg/big.py", search: "        if v is None:\n            return None\n",
      replacement: "        if v is None:\n            return 0\n")
    guard case .file(let edited) = slice.apply([edit], to: Self.module) else {
      Issue.record("not mapped: \(slice.apply([edit], to: Self.module))")
      return
    }
    let after = edited.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(after.count == whole.count)
    let changed = zip(whole, after).enumerated().filter { $0.element.0 != $0.element.1 }.map {
      $0.offset + 1
    }
    let expected = (definition.startLine...definition.endLine).first {
      whole[$0 - 1].hasSuffix("return None")
    }
    #expect(changed == [try #require(expected)])
  }

  @Test func decoratorsAndNestedFunctionsAreInsideTheRegion() async throws {
    let (context, _) = try await context()
    let middle = try #require(context.index.named("middle").first)
    let inner = try #require(context.index.named("inner").first)
    #expect(middle.startLine == Self.lineOf("@memo"))
    #expect(inner.scope == "middle")
    #expect(middle.contains(line: inner.startLine) && middle.contains(line: inner.endLine))
    let slice = try #require(
      SliceBuilder(context: context).slice(path: "pkg/big.py", focus: [middle], budget: 2_000))
    #expect(slice.region.hasPrefix("@memo\ndef middle(values):\n    def inner(v):"))
    #expect(slice.text.contains("pkg/use.py:4 in def run(xs):"), "its caller, by signature")
  }

  @Test func whatDoesNotFitTheBudgetIsNamedNotDropped() async throws {
    let (context, _) = try await context()
    let middle = try #require(context.index.named("middle").first)
    let builder = SliceBuilder(context: context)
    let small = try #require(builder.slice(path: "pkg/big.py", focus: [middle], budget: 200))
    #expect(small.text.contains(small.region), "the region is never cut")
    #expect(small.text.contains("not shown: "))
    #expect(small.notShown.contains { $0.contains("outline of pkg/big.py") })
    let large = try #require(builder.slice(path: "pkg/big.py", focus: [middle], budget: 100_000))
    #expect(large.notShown.isEmpty)
    let last = Self.lineOf("def last")
    #expect(last > 2_900)
    #expect(large.text.contains("last (function) lines \(last)–\(last + 5)"))
    #expect(small.tokens < 400 && large.tokens > 3_000)
  }

  @Test func aQuoteFromOutsideTheSliceAsksForMoreInsteadOfGuessing() async throws {
    let (context, _) = try await context()
    let first = try #require(context.index.named("first").first)
    let slice = try #require(
      SliceBuilder(context: context).slice(path: "pkg/big.py", focus: [first], budget: 2_000))
    let edit = FileEdit.replace(
      "pkg/big.py", search: "    \"\"\"Filler 3.\"\"\"\n", replacement: "    \"\"\"Three.\"\"\"\n")
    #expect(slice.apply([edit], to: Self.module) == .outside(["    \"\"\"Filler 3.\"\"\""]))
    let wider = try #require(
      SliceBuilder(context: context).slice(
        path: "pkg/big.py", focus: [first], budget: 2_000, padding: 40))
    guard case .file(let edited) = wider.apply([edit], to: Self.module) else {
      Issue.record("the wider slice holds the quote")
      return
    }
    #expect(edited.contains("\"\"\"Three.\"\"\"") && !edited.contains("Filler 3."))
  }

  @Test func tabIndentedFunctionsAreSlicedWhole() async throws {
    let text =
      "class A:\n\tdef f(self):\n\t\tif self.x:\n\t\t\treturn 1\n\t\treturn 2\n\n\tdef g(self):\n\t\treturn 3\n"
    let repo = try TemporaryRepository(files: ["t.py": text])
    let context = try await RepoContext.load(from: try Repository(at: repo.path))
    let f = try #require(context.index.named("f").first)
    #expect((f.startLine, f.endLine) == (2, 5))
    let slice = try #require(
      SliceBuilder(context: context).slice(path: "t.py", focus: [f], budget: 500))
    let edit = FileEdit.replace("t.py", search: "\t\treturn 2\n", replacement: "\t\treturn 22\n")
    #expect(
      slice.apply([edit], to: text)
        == .file(text.replacingOccurrences(of: "return 2\n", with: "return 22\n")))
  }

  static func lineOf(_ prefix: String) -> Int {
    (module.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
      $0.hasPrefix(prefix)
    } ?? -1) + 1
  }
}
