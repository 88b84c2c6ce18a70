import AssistKit
import Foundation
import Testing

/// Finding one function by name, and rewriting just it (the focused format small models get).
@Suite struct FunctionFormatTests {
  static let fence = "```"

  static let python = """
    import math


    def clamp(value, low, high):
        \"\"\"Limit value.\"\"\"
        if value > high:
            return low

        return value


    class Box:
        @property
        def area(self):
            return self.w * self.h

        def scale(self,
                  factor):
            self.w *= factor


    def tail():
        return 1

    """

  static let javascript = """
    'use strict';

    class Cart {
      subtotal() {
        return this.lines.reduce((s, l) => s + l.price, 0);
      }

      // percent is 0-100
      total(percent = 0) {
        const label = "}{";  // braces in strings and comments do not count: }
        return this.subtotal() * (1 - percent);
      }
    }

    function report(cart) {
      return total(cart);
    }

    module.exports = { Cart };

    """

  static let c = """
    #include "stats.h"

    double median(double *values, int count);

    double median(double *values, int count) {
        if (count == 0) { return 0; }
        return values[count / 2];
    }

    """

  @Test func pythonFunctionsEndWhereTheIndentationDoes() throws {
    let clamp = try #require(SymbolExtent.find("clamp", in: Self.python, path: "m.py"))
    #expect(clamp.lines == 3..<9)
    #expect(clamp.source(in: Self.python).hasSuffix("\n\n    return value\n"))
    let area = try #require(SymbolExtent.find("area", in: Self.python, path: "m.py"))
    #expect(area.lines == 12..<15, "the decorator belongs to the method")
    #expect(area.indent == "    ")
    let scale = try #require(SymbolExtent.find("scale", in: Self.python, path: "m.py"))
    #expect(scale.lines == 16..<19, "a wrapped signature is part of the function")
    #expect(SymbolExtent.find("missing", in: Self.python, path: "m.py") == nil)
    #expect(SymbolExtent.find("math", in: Self.python, path: "m.py") == nil, "an import is no def")
  }

  @Test func twoDefinitionsOfOneNameAreAmbiguous() {
    let text = "def f():\n    return 1\n\n\ndef f():\n    return 2\n"
    #expect(SymbolExtent.find("f", in: text, path: "a.py") == nil)
  }

  @Test func braceFunctionsEndAtTheirClosingBraceNotAtBracesInStringsOrComments() throws {
    let total = try #require(SymbolExtent.find("total", in: Self.javascript, path: "cart.js"))
    #expect(total.lines == 8..<12)
    #expect(total.indent == "  ")
    let report = try #require(SymbolExtent.find("report", in: Self.javascript, path: "cart.js"))
    #expect(report.lines == 14..<17)
    let median = try #require(SymbolExtent.find("median", in: Self.c, path: "stats.c"))
    #expect(median.lines == 4..<8, "the prototype ending in ; is not the definition")
  }

  @Test func callsAndControlStatementsAreNotDefinitions() {
    #expect(!SymbolExtent.isBraceDefinition("  return total(cart);", of: "total"))
    #expect(!SymbolExtent.isBraceDefinition("  if (total(x) > 3) {", of: "total"))
    #expect(!SymbolExtent.isBraceDefinition("  x = total(1)", of: "total"))
    #expect(!SymbolExtent.isBraceDefinition("  this.total(1) {", of: "total"))
    #expect(!SymbolExtent.isBraceDefinition("  subtotal() {", of: "total"))
    #expect(SymbolExtent.isBraceDefinition("const total = (p) => {", of: "total"))
    #expect(SymbolExtent.isBraceDefinition("func total(_ p: Int) -> Int {", of: "total"))
  }

  @Test func theAnswerReplacesOnlyTheFunctionsLines() throws {
    let extent = try #require(SymbolExtent.find("clamp", in: Self.python, path: "m.py"))
    let format = FunctionFormat(path: "m.py", extent: extent, content: Self.python)
    let reply = """
      Here is the fix:

      \(Self.fence)python
      def clamp(value, low, high):
          \"\"\"Limit value.\"\"\"
          if value > high:
              return high
          return value
      \(Self.fence)

      \(Self.fence)python
      print(clamp(15, 0, 10))
      \(Self.fence)
      """
    let edits = try format.parse(reply: reply)
    let expected = Self.python.replacingOccurrences(
      of: "        return low\n\n    return value\n",
      with: "        return high\n    return value\n")
    #expect(edits == [FileEdit(path: "m.py", change: .write(expected))])
  }

  @Test func aMethodAnsweredAtColumnZeroIsIndentedBackIntoItsClass() throws {
    let extent = try #require(SymbolExtent.find("total", in: Self.javascript, path: "cart.js"))
    let format = FunctionFormat(path: "cart.js", extent: extent, content: Self.javascript)
    let reply =
      "\(Self.fence)js\ntotal(percent = 0) {\n  return this.subtotal() * (1 - percent / 100);\n}\n\(Self.fence)\n"
    let edits = try format.parse(reply: reply)
    guard case .write(let text) = edits.first?.change else {
      Issue.record("expected a whole-file write, got \(edits)")
      return
    }
    #expect(
      text.contains(
        "  total(percent = 0) {\n    return this.subtotal() * (1 - percent / 100);\n  }\n}\n"))
    #expect(text.contains("  // percent is 0-100\n"), "lines outside the function stay")
    #expect(text.hasPrefix("'use strict';\n") && text.hasSuffix("module.exports = { Cart };\n"))
  }

  @Test func repliesThatDoNotDefineTheFunctionOrShortenItAreRefused() throws {
    let extent = try #require(SymbolExtent.find("clamp", in: Self.python, path: "m.py"))
    let format = FunctionFormat(path: "m.py", extent: extent, content: Self.python)
    #expect(try format.parse(reply: "I think the bug is on line 3.") == [])
    #expect(throws: EditParseError.self) {
      try format.parse(reply: "\(Self.fence)python\nreturn high\n\(Self.fence)\n")
    }
    #expect(throws: EditParseError.self) {
      try format.parse(
        reply:
          "\(Self.fence)python\ndef clamp(value, low, high):\n    # ... rest unchanged\n\(Self.fence)\n"
      )
    }
  }

  @Test func focusIsTheBestPlaceWhenThePlanSaysFixOrLocalizationIsDecisive() {
    let files: [String: String?] = [
      "m.py": Self.python, "test_m.py": "def test_clamp():\n    assert clamp(1, 0, 2) == 1\n",
    ]
    let isTest = { (path: String) in path.hasPrefix("test_") }
    let context = RepoContext(files: files.compactMapValues { $0 })
    func focus(_ task: String, symbols: [String] = [], isFix: Bool = false) -> FunctionFormat? {
      FunctionFocus.choose(
        places: context.places(task: task, symbols: symbols), isFix: isFix,
        scope: ["m.py", "test_m.py"], files: files, isTest: isTest)
    }
    let one = focus("Fix clamp in m.py so test_clamp passes")
    #expect(one?.extent.name == "clamp")
    #expect(one?.path == "m.py")
    #expect(
      focus("Make clamp faster")?.extent.name == "clamp",
      "one named function is decisive whatever English verb the task uses")
    #expect(focus("Fix Clamp in m.py") == nil, "names match with their case")
    #expect(focus("Fix clamp and tail") == nil, "two named functions: not decisive")
    #expect(
      focus("Fix clamp and tail", symbols: ["tail"], isFix: true)?.extent.name == "tail",
      "the plan's fix intent and symbols decide")
    #expect(
      focus("Fix the tests: add a count() method to Box") == nil,
      "a class is no function to focus on")
    // A fix that names no function: the failing assertion's call picks it.
    let failure = """
      FAIL: test_limits (test_m.Tests.test_limits)
        File "test_m.py", line 9, in test_limits
          self.assertEqual(clamp(15, 0, 10), 10)
      AssertionError: 0 != 10
      """
    #expect(
      FunctionFocus.choose(failure: failure, scope: ["m.py"], files: files, isTest: isTest)?
        .extent.name == "clamp")
    #expect(
      FunctionFocus.choose(
        failure: failure + "\n  self.assertEqual(tail(), 2)", scope: ["m.py"], files: files,
        isTest: isTest) == nil, "two functions failing: no focus")
    let whole: [String: String?] = ["f.py": "def answer():\n    return 1\n"]
    #expect(
      FunctionFocus.choose(
        places: RepoContext(files: ["f.py": "def answer():\n    return 1\n"]).places(
          task: "Fix answer"), isFix: true, scope: ["f.py"], files: whole, isTest: isTest)?
        .extent.name == "answer",
      "whatever share of its file the function is")
  }

  @Test func functionsTheTaskNamesAsCodeAreShownTogetherWhenTheBestPlaceIsOneOfThem() throws {
    let files: [String: String?] = ["m.py": Self.python]
    let context = RepoContext(files: ["m.py": Self.python])
    func focus(_ task: String) -> FunctionFormat? {
      FunctionFocus.choose(
        places: context.places(task: task), isFix: false,
        named: FunctionFocus.named(task: task, intent: nil), scope: ["m.py"], files: files,
        isTest: { _ in false })
    }
    let both = try #require(focus("`clamp()` and `tail()` both return the wrong bound"))
    #expect(Set(both.names) == ["clamp", "tail"])
    #expect(both.instructions.contains("each function you change"))
    #expect(both.instructions.hasPrefix("Fix the bug in these functions"))
    var change = both
    change.fixes = false
    #expect(change.instructions.hasPrefix("Make the change in these functions"))
    #expect(focus("Fix clamp and tail") == nil, "plain words confirm no name")
    #expect(focus("`clamp()` returns the wrong bound")?.names == ["clamp"], "one named: it alone")
    let named = FunctionFocus.named(
      task: "Make `Box.area` and args2cmd(x) agree",
      intent: ChangeIntent(action: .fix, symbols: ["m.tail"]))
    #expect(named.isSuperset(of: ["area", "args2cmd", "tail"]))
    #expect(!named.contains("Make") && !named.contains("agree"), "plain words are not names")
  }

  @Test func aReplyOfSeveralFunctionsIsSplicedIntoEachAndAnOmittedOneStaysAsItWas() throws {
    let clamp = try #require(SymbolExtent.find("clamp", in: Self.python, path: "m.py"))
    let tail = try #require(SymbolExtent.find("tail", in: Self.python, path: "m.py"))
    let format = try #require(
      FunctionFormat(targets: [
        .init(path: "m.py", extent: clamp, content: Self.python),
        .init(path: "m.py", extent: tail, content: Self.python),
      ]))
    let fixedClamp = """
      def clamp(value, low, high):
          \"\"\"Limit value.\"\"\"
          if value > high:
              return high
          return value
      """
    let both = try format.parse(
      reply: "\(Self.fence)python\n\(fixedClamp)\n\(Self.fence)\n\n"
        + "\(Self.fence)python\ndef tail():\n    return 2\n\(Self.fence)\n")
    let expected = Self.python.replacingOccurrences(
      of: "        return low\n\n    return value\n",
      with: "        return high\n    return value\n"
    ).replacingOccurrences(of: "def tail():\n    return 1\n", with: "def tail():\n    return 2\n")
    #expect(both == [FileEdit(path: "m.py", change: .write(expected))])
    // Both in one block, as models often write them: the same result.
    let oneBlock = try format.parse(
      reply: "\(Self.fence)python\n\(fixedClamp)\n\n\ndef tail():\n    return 2\n\(Self.fence)\n")
    #expect(oneBlock == both)
    // Only one answered: the other function is untouched.
    let onlyTail = try format.parse(
      reply: "\(Self.fence)python\ndef tail():\n    return 2\n\(Self.fence)\n")
    #expect(
      onlyTail == [
        FileEdit(
          path: "m.py",
          change: .write(
            Self.python.replacingOccurrences(of: "    return 1\n", with: "    return 2\n")))
      ])
    #expect(throws: EditParseError.self) {
      try format.parse(reply: "\(Self.fence)python\ndef other():\n    return 0\n\(Self.fence)\n")
    }
    #expect(
      format.earlyProblem(
        partial: "\(Self.fence)python\ndef tail():\n", defaultPath: nil) == nil,
      "the second function first is fine")
    #expect(FunctionFormat(targets: []) == nil)
    let nested = SymbolExtent(
      name: "inner", lines: clamp.lines.lowerBound + 1..<clamp.lines.upperBound, indent: "    ")
    #expect(
      FunctionFormat(targets: [
        .init(path: "m.py", extent: clamp, content: Self.python),
        .init(path: "m.py", extent: nested, content: Self.python),
      ]) == nil, "overlapping functions")
  }

  static let documented = """
    import re


    @cache
    def isoparse(iso_str,
                 strict=False):  # the signature spans lines
        \"\"\"Parses the limited subset of ISO 8601.

        >>> isoparse('1970-01-01T00:00:00')
        datetime.datetime(1970, 1, 1, 0, 0)

        See also:
          dateutil for loose parsing.
          iso8601 for strict parsing.
        \"\"\"
        dt_args = [int(p) for p in re.split(r'\\D', iso_str)]
        return datetime(*dt_args)


    def short():
        \"\"\"One line.\"\"\"
        return 1

    """

  @Test func aLongDocstringIsShownAsOneLineAndComesBackWhateverTheReplyDidWithIt() throws {
    let extent = try #require(SymbolExtent.find("isoparse", in: Self.documented, path: "t.py"))
    let format = FunctionFormat(path: "t.py", extent: extent, content: Self.documented)
    let marker = "    \"\"\"(docstring: 9 lines, unchanged, not shown)\"\"\""
    #expect(format.targets[0].shown.contains(marker + "\n    dt_args"))
    #expect(!format.targets[0].shown.contains("dateutil for loose"))
    #expect(format.targets[0].shown.hasPrefix("@cache\ndef isoparse(iso_str,\n"))
    #expect(format.instructions.contains("it stands for the docstring"))
    let fixedCode =
      "    dt_args = [int(p) for p in re.split(r'\\D', iso_str)][:7]\n    return datetime(*dt_args)"
    let expected = Self.documented.replacingOccurrences(
      of: "    dt_args = [int(p) for p in re.split(r'\\D', iso_str)]\n",
      with: "    dt_args = [int(p) for p in re.split(r'\\D', iso_str)][:7]\n")
    let signature =
      "@cache\ndef isoparse(iso_str,\n             strict=False):  # the signature spans lines\n"
    // The marker copied back (at column 0, as models often answer a method).
    let kept = try format.parse(
      reply: "\(Self.fence)python\n\(signature)\(marker)\n\(fixedCode)\n\(Self.fence)\n")
    #expect(kept == [FileEdit(path: "t.py", change: .write(expected))])
    let reworded = try format.parse(
      reply:
        "\(Self.fence)python\n\(signature)    '''Docstring unchanged.'''\n\(fixedCode)\n\(Self.fence)\n"
    )
    #expect(reworded == kept, "a reworded marker still stands for the docstring")
    // The docstring dropped: it goes back after the signature.
    let dropped = try format.parse(
      reply: "\(Self.fence)python\n\(signature)\(fixedCode)\n\(Self.fence)\n")
    #expect(dropped == kept)
    // A docstring of the model's own is its change to make.
    let own = try format.parse(
      reply:
        "\(Self.fence)python\n\(signature)    \"\"\"Parse.\"\"\"\n\(fixedCode)\n\(Self.fence)\n")
    guard case .write(let text) = own.first?.change else {
      Issue.record("expected a write, got \(own)")
      return
    }
    #expect(text.contains("    \"\"\"Parse.\"\"\"\n") && !text.contains("dateutil for loose"))
    // A short docstring is shown as it is.
    let short = try #require(SymbolExtent.find("short", in: Self.documented, path: "t.py"))
    let plain = FunctionFormat(path: "t.py", extent: short, content: Self.documented)
    #expect(plain.targets[0].shown == plain.source)
    #expect(!plain.instructions.contains("docstring"))
    // Not Python: nothing collapsed.
    #expect(
      FunctionFormat.Target(path: "t.js", extent: extent, content: Self.documented).docstring == nil
    )
  }
}
