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

  /// From real boltons tasks: "Please fix the length check in Bits.__init__" ranked the class
  /// first, and "args2sh has the same problem" put iterutils' `same` among the places.
  @Test func aDottedMemberBeatsItsClassAndPlainWordsWeighLessThanCode() async throws {
    let repo = try TemporaryRepository(files: [
      "lib/mathutils.py": """
      class Bits:
          def __init__(self, val, len):
              self.val = val
              self.len = len

          def as_bin(self):
              return format(self.val, "b")


      class Other:
          def __init__(self):
              pass

      """,
      "lib/strutils.py": "def args2cmd(args, sep=' '):\n    return ' '.join(args)\n",
      "lib/iterutils.py": "def same(iterable):\n    return len(set(iterable)) <= 1\n",
    ])
    let context = try await RepoContext.load(from: try Repository(at: repo.path))
    let localizer = Localizer(index: context.index, files: context.files)
    let bits = localizer.places(
      for: .init(task: "Bits(4, 2) gives 3 bits. Please fix the length check in Bits.__init__."))
    let first = try #require(bits.first)
    #expect((first.path, first.symbol, first.startLine) == ("lib/mathutils.py", "__init__", 2))
    #expect(Localizer.isDecisive(bits), "\(bits)")
    let sep = localizer.places(
      for: .init(task: "args2cmd ignores sep, and args2sh has the same problem."))
    #expect(sep.first?.symbol == "args2cmd")
    let same = try #require(sep.first { $0.symbol == "same" })
    #expect(same.score * 2 < (sep.first?.score ?? 0), "\(sep)")
    #expect(
      Localizer.codeShaped(in: "Fix `same`, Bits and foo_bar() here. Then stop") == [
        "same", "Bits", "foo_bar",
      ])
  }

  @Test func aTaskThatNamesNothingGivesNoPlaces() async throws {
    let places = try await localizer().places(for: .init(task: "make it faster please"))
    #expect(places.isEmpty)
    #expect(!Localizer.isDecisive([]))
  }
}
