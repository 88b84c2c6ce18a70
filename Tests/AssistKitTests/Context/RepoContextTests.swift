import AssistKit
import AssistTesting
import Foundation
import Git
import Testing

@Suite struct RepoContextTests {
  @Test func symbolMapFindsDefinitionsAcrossLanguages() {
    #expect(
      SymbolMap.definitions(
        in: "class Inventory:\n    def add(self):\n        pass\n\nasync def main():\n    pass\n",
        path: "a.py")
        == ["Inventory", "add", "main"])
    #expect(
      SymbolMap.definitions(
        in:
          "class Cart {\n  add(sku) {\n    if (x) {}\n  }\n}\nfunction total() {}\nconst f = (a) => a;\n",
        path: "cart.js") == ["Cart", "add", "total", "f"])
    #expect(
      SymbolMap.definitions(
        in:
          "static int compare(const void *a) {\n}\ndouble median(double *v, int n) {\n  return 0;\n}\n",
        path: "s.c") == ["compare", "median"])
    #expect(
      SymbolMap.definitions(in: "package struct Plan {}\nfunc go() {}\n", path: "P.swift") == [
        "Plan", "go",
      ])
    #expect(SymbolMap.definitions(in: "anything", path: "README.md").isEmpty)
  }

  @Test func theExampleRepositoryMapsAndPointsAtTheRightFiles() throws {
    let root = projectRoot + "/examples/py-inventory/repo"
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: root)
    where name.hasSuffix(".py") {
      files[name] = try String(contentsOfFile: root + "/" + name, encoding: .utf8)
    }
    let context = RepoContext(files: files)
    #expect(
      context.symbols["inventory.py"] == ["Inventory", "__init__", "add", "remove", "total_value"])
    let map = context.symbolMap(excluding: ["inventory.py"])
    #expect(map.contains("report.py: restock, sell"))
    #expect(!map.split(separator: "\n").contains { $0.hasPrefix("inventory.py") })
    #expect(
      context.relevantFiles(for: "Add a method count(name) to Inventory in inventory.py").first
        == "inventory.py")
    #expect(
      Set(
        context.relevantFiles(for: "Rename qty in Inventory.add and every caller of restock")
          .prefix(2))
        == ["inventory.py", "report.py"])
  }

  @Test func renderingTrimsToTheBudgetAndRecordsWhatWasLeftOut() {
    let context = RepoContext(files: [
      "a.py": String(repeating: "x = 1\n", count: 10),
      "b.py": String(repeating: "y = 2\n", count: 400),
    ])
    let (text, omitted) = context.render(files: ["a.py", "b.py", "missing.py"], budget: 100)
    #expect(text.hasPrefix("a.py\n```\nx = 1"))
    #expect(omitted == ["b.py", "missing.py"])
  }

  @Test func loadingReadsTheCommittedTreeNotTheWorkingTree() async throws {
    let repo = try TemporaryRepository()
    try repo.write("src/app.py", "def run():\n    pass\n")
    try repo.write("logo.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 0])
    _ = try repo.commitAll("init")
    try repo.write("src/app.py", "def edited_but_not_committed():\n    pass\n")
    let context = try await RepoContext.load(from: try Repository(at: repo.path))
    #expect(context.paths == ["logo.png", "src/app.py"])
    #expect(context.files.keys.sorted() == ["src/app.py"])  // binary left out
    #expect(context.symbols["src/app.py"] == ["run"])
  }

  @Test func theCodeATestImportsIsWhatMakingItPassEdits() {
    let context = RepoContext(files: [
      "mathutils.py": "def clamp(v, lo, hi):\n    return v\n",
      "report.py": "print(1)\n",
      "test_mathutils.py": "from mathutils import clamp\n",
      "strings.js": "function f() {}\n",
      "strings.test.js": "const { f } = require('./strings');\n",
    ])
    #expect(context.sources(testedBy: ["test_mathutils.py"]) == ["mathutils.py"])
    #expect(context.sources(testedBy: ["strings.test.js"]) == ["strings.js"])
    #expect(context.sources(testedBy: ["test_mathutils.py", "strings.test.js"]).count == 2)
    #expect(context.sources(testedBy: []) == [])
  }
}
