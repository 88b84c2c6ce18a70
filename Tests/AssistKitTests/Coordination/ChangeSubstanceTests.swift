import AssistKit
import Foundation
import Testing

/// Candidates that pass the tests only because the tests do not cover the task are refused.
@Suite struct ChangeSubstanceTests {
  static let base = [
    "inventory.py":
      "\"\"\"Stock.\"\"\"\n\n\nclass Inventory:\n    def add(self, name, qty):\n        pass\n",
    "test_inventory.py": "from inventory import Inventory\n",
  ]

  @Test func aChangeOfBlankLinesOnlyIsRefused() throws {
    let old = try #require(Self.base["inventory.py"])
    let new = old.replacingOccurrences(of: "\n\n\nclass", with: "\n\nclass")
    let problem = ChangeSubstance.problem(
      [.init(path: "inventory.py", old: old, new: new)],
      goal: "Add a method count(name) to Inventory", base: Self.base)
    #expect(problem?.contains("only touches blank lines or trailing spaces") == true)
  }

  @Test func anIndentationChangeIsARealChange() {
    let old = "def f(xs):\n    for x in xs:\n        return x\n"
    let new = "def f(xs):\n    for x in xs:\n        pass\n    return x\n"
    let moved = "def f(xs):\n    for x in xs:\n        y = x\n    return y\n"
    let outdent = "def f(xs):\n    for x in xs:\n        y = x\n        return y\n"
    #expect(
      ChangeSubstance.problem(
        [.init(path: "f.py", old: old, new: new)], goal: "Fix f", base: ["f.py": old]) == nil)
    #expect(
      ChangeSubstance.problem(
        [.init(path: "f.py", old: outdent, new: moved)], goal: "Fix f", base: ["f.py": outdent])
        == nil, "only the indentation of `return y` differs")
  }

  @Test func aNewNameTheGoalAsksForMustAppearInTheChange() throws {
    let old = try #require(Self.base["inventory.py"])
    let goal = "Add a method count(name) to Inventory that returns the stock (0 when unknown)."
    #expect(ChangeSubstance.newNames(in: goal, base: Self.base) == ["count"])
    let unrelated = old + "    def total(self):\n        return 0\n"
    #expect(
      ChangeSubstance.problem(
        [.init(path: "inventory.py", old: old, new: unrelated)], goal: goal, base: Self.base)?
        .contains("asks for `count`") == true)
    let done = old + "    def count(self, name):\n        return 0\n"
    #expect(
      ChangeSubstance.problem(
        [.init(path: "inventory.py", old: old, new: done)], goal: goal, base: Self.base) == nil)
  }

  @Test func namesThatAlreadyExistAreNotDemanded() {
    // `add(` exists in the base: a fix to it need not "add" anything new.
    #expect(
      ChangeSubstance.newNames(in: "Fix add(name, qty) so qty is checked", base: Self.base)
        .isEmpty)
    #expect(ChangeSubstance.newNames(in: "Make `python3 -m unittest` pass (all)", base: [:]) == [])
  }
}
