import AssistKit
import AssistTesting
import Foundation
import Git
import Testing

@Suite struct LocalizerTests {
  /// A repository of 120 generated modules plus a statistics package, a calculator and tests.
  static let files: [String: String] = {
    var files: [String: String] = [:]
    for i in 0..<120 {
      files["pkg/gen/mod\(i).py"] = """
        from pkg.stats.core import mean


        def summarize\(i)(values):
            \"\"\"Summary \(i).\"\"\"
            return mean(values) + \(i)


        def value\(i)():
            return \(i)

        """
    }
    files["pkg/stats/core.py"] = """
      def mean(values):
          return sum(values) / len(values)


      def median(values):
          ordered = sorted(values)
          middle = len(ordered) // 2
          return ordered[middle]


      def spread(values):
          return max(values) - min(values)

      """
    files["pkg/report.py"] = """
      from pkg.stats.core import median


      def report(values):
          return "median %s" % median(values)

      """
    files["pkg/calc.py"] = """
      def add(a, b):
          return a + b


      def divide(a, b):
          if b == 0:
              raise ValueError("b is zero")
          return a // b

      """
    files["tests/test_calc.py"] = """
      from pkg.calc import divide


      def test_divide():
          assert divide(7, 2) == 3.5

      """
    return files
  }()

  private func localizer() async throws -> Localizer {
    let repo = try TemporaryRepository(files: Self.files)
    let context = try await RepoContext.load(from: try Repository(at: repo.path))
    #expect(context.files.count > 100)
    return Localizer(index: context.index, files: context.files)
  }

  @Test func aPythonTracebackPointsAtTheFunctionThatFailed() async throws {
    let failure = """
      Traceback (most recent call last):
        File "/tmp/assist-scratch-1234/tests/test_calc.py", line 5, in test_divide
          assert divide(7, 2) == 3.5
      AssertionError: assert 3 == 3.5
       +  where 3 = divide(7, 2)
        File "/tmp/assist-scratch-1234/pkg/calc.py", line 8, in divide
          return a // b
      """
    let places = try await localizer().places(
      for: .init(task: "the tests fail", failure: failure))
    let first = try #require(places.first)
    #expect(
      (first.path, first.symbol, first.startLine, first.endLine) == ("pkg/calc.py", "divide", 5, 8))
    #expect(first.reasons.contains("failing test's trace: pkg/calc.py:8"))
    #expect(Localizer.isDecisive(places))
  }

  @Test func aTaskThatNamesAFunctionButNotItsFileFindsTheFile() async throws {
    let places = try await localizer().places(
      for: .init(
        task:
          "median returns the wrong element for lists of even length; it should average the two middle values"
      ))
    let first = try #require(places.first)
    #expect((first.path, first.symbol) == ("pkg/stats/core.py", "median"))
    #expect(first.reasons == ["named in the task"])
    #expect(places.contains { $0.symbol == "report" }, "its caller ranks through the graph")
  }

  @Test func thePlansSymbolsOutweighWordsThatHappenToBeNames() async throws {
    let places = try await localizer().places(
      for: .init(task: "make the mean and the spread agree", symbols: ["spread"]))
    #expect(places.first?.symbol == "spread")
    #expect(places.first?.reasons.first == "named by the plan")
  }

  @Test func aTaskThatNamesNothingGivesNoPlaces() async throws {
    let places = try await localizer().places(for: .init(task: "make it faster please"))
    #expect(places.isEmpty)
    #expect(!Localizer.isDecisive([]))
  }
}
