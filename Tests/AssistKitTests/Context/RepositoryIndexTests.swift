import AssistKit
import AssistTesting
import Foundation
import Git
import Testing

@Suite struct RepositoryIndexTests {
  static let files: [String: String] = [
    "pkg/stats.py": """
    import math

    @cached
    @other(1)
    def median(values):
        \"\"\"The middle value.\"\"\"
        def helper(x):
            return x
        return helper(values)

    class Stats:
    \tdef mean(self, values):
    \t\treturn sum(values) / len(values)

    """,
    "web/cart.js": """
    export function total(items) {
      let sum = 0;
      for (const item of items) {
        sum += item.price;
      }
      return sum;
    }

    class Cart {
      add(item) {
        this.items.push(item);
      }
    }

    """,
    "c/stats.c": "#include <stdio.h>\n\nint add(int a, int b) {\n  return a + b;\n}\n",
    "Sources/Plan.swift": """
    struct Plan {
      var steps: [String]

      func count() -> Int {
        return steps.count
      }
    }

    """,
    "go/main.go":
      "package main\n\nfunc Add(a int) int {\n\treturn a\n}\n\ntype T struct {\n\tX int\n}\n\nfunc (t *T) M() {\n}\n",
  ]

  private func load(_ repo: TemporaryRepository, store: Store? = nil, ctags: String = "ctags")
    async throws -> RepoContext
  {
    try await RepoContext.load(
      from: try Repository(at: repo.path), store: store, indexer: DefinitionIndexer(ctags: ctags))
  }

  private func only(
    _ index: RepositoryIndex, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Definition {
    let found = index.named(name)
    #expect(found.count == 1, "\(name): \(found)", sourceLocation: sourceLocation)
    return try #require(found.first, sourceLocation: sourceLocation)
  }

  @Test func definitionsHaveLineRangesInPythonJavaScriptCSwiftAndGo() async throws {
    let repo = try TemporaryRepository(files: Self.files)
    let index = try await load(repo).index
    #expect(index.report.ctagsProblem == nil)
    #expect(index.report.ctagsRuns == 1, "all files in one ctags process")
    let median = try only(index, "median")
    #expect((median.startLine, median.line, median.endLine) == (3, 5, 9), "decorators included")
    #expect(median.signature == "def median(values):")
    let helper = try only(index, "helper")
    #expect((helper.startLine, helper.endLine, helper.scope) == (7, 8, "median"))
    let mean = try only(index, "mean")
    #expect((mean.startLine, mean.endLine, mean.scope) == (12, 13, "Stats"), "tab-indented")
    let total = try only(index, "total")
    #expect((total.startLine, total.endLine) == (1, 7), "JavaScript's end found by braces")
    let add = try #require(index.outline("web/cart.js").first { $0.name == "add" })
    #expect((add.startLine, add.endLine, add.scope) == (10, 12, "Cart"))
    let cAdd = try #require(index.outline("c/stats.c").first { $0.name == "add" })
    #expect((cAdd.startLine, cAdd.endLine) == (3, 5))
    let count = try only(index, "count")
    #expect((count.path, count.startLine, count.endLine) == ("Sources/Plan.swift", 4, 6))
    let goAdd = try only(index, "Add")
    #expect((goAdd.startLine, goAdd.endLine) == (3, 5))
    let method = try only(index, "M")
    #expect((method.startLine, method.endLine) == (11, 12))
    #expect(index.report.fallbackFiles == 1, "Swift is not a ctags 5.9 language: the patterns")
  }

  @Test func aSecondRunReindexesOnlyTheBlobsThatChanged() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "assist-index-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try Store(path: folder.appendingPathComponent("assist.sqlite").path)
    var files = Self.files
    for i in 0..<20 { files["lib/m\(i).py"] = "def f\(i)(x):\n    return x + \(i)\n" }
    let repo = try TemporaryRepository(files: files)
    let first = try await load(repo, store: store).index
    #expect(first.report.ctagsFiles == files.count)
    #expect(first.cachedFiles == 0)
    try repo.write("lib/m3.py", "def f3(x):\n    return x\n\n\ndef g3():\n    pass\n")
    _ = try repo.commitAll("change one file")
    let second = try await load(repo, store: store).index
    #expect(second.report.ctagsFiles == 1, "only the changed blob is read")
    #expect(second.cachedFiles == files.count - 1)
    #expect(second.named("g3").first?.startLine == 5)
    #expect(second.named("median").first?.endLine == 9, "cached definitions come back whole")
  }

  @Test func withoutCtagsThePatternsStillGiveLineRangesAndNothingIsCached() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "assist-index-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try Store(path: folder.appendingPathComponent("assist.sqlite").path)
    let repo = try TemporaryRepository(files: Self.files)
    let index = try await load(repo, store: store, ctags: "/nonexistent/bin/ctags").index
    #expect(index.report.ctagsProblem != nil)
    #expect(index.report.ctagsRuns == 0)
    #expect(index.report.fallbackFiles == Self.files.count)
    let median = try only(index, "median")
    #expect((median.startLine, median.endLine) == (3, 9))
    #expect(try only(index, "total").endLine == 7)
    let again = try await load(repo, store: store).index
    #expect(again.cachedFiles == 0, "pattern results are not cached in ctags' place")
    #expect(again.report.ctagsFiles == Self.files.count)
  }

  @Test func referencesAreWholeWordMentionsOutsideTheDefinition() async throws {
    let repo = try TemporaryRepository(files: [
      "a.py": "def total(xs):\n    return sum(xs)\n",
      "b.py": "from a import total\n\ndef report(xs):\n    return total(xs) + subtotal(xs)\n",
    ])
    let context = try await load(repo)
    let sites = context.references.mentions(of: "total", index: context.index)
    #expect(sites == [.init(path: "b.py", line: 1), .init(path: "b.py", line: 4)])
  }
}
