import AssistKit
import Testing

/// One-token mutants: which tokens change, which never do, and in what order they are tried.
@Suite struct MutantGeneratorTests {
  static let python = """
    import math

    def bounded(values, limit):
        # keep values < limit
        kept = []
        for value in values:
            if value < limit and value != 0:
                kept.append(value)
        label = "a < b"
        return kept[:limit]

    """

  /// The mutants of the function starting at line `start` (0-based) and running to the end.
  private func mutants(
    _ text: String, _ language: SourceLanguage = .python, start: Int = 2, evidence: Set<Int> = []
  ) -> [Mutant] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    return MutantGenerator(language: language).mutants(
      of: text, lines: start..<(lines - 1), evidence: evidence)
  }

  @Test func comparisonsLogicAndBoundsChangeButStringsCommentsAndTheSignatureDoNot() {
    let found = mutants(Self.python)
    let afters = found.compactMap(\.after)
    #expect(afters.contains("        if value <= limit and value != 0:"))
    #expect(afters.contains("        if value < limit or value != 0:"))
    #expect(afters.contains("        if value < limit and value == 0:"))
    #expect(afters.contains("    return kept[:limit + 1]"))
    // The comment's and the string's `<` are not code; the signature is not the body.
    #expect(!found.contains { $0.line == 3 || $0.line == 8 && $0.kind == .comparison })
    #expect(!found.contains { $0.line == 2 })
    #expect(!afters.contains { $0.contains("a <= b") })
    // Every mutant changes exactly one line and applies to the text it was made from.
    for mutant in found {
      let changed = mutant.apply(to: Self.python)
      #expect(changed != Self.python, "\(mutant.summary)")
    }
    #expect(Set(found.map { "\($0.line)|\($0.after ?? "-")" }).count == found.count)
  }

  @Test func linesTheTracebackNamesAreTriedFirst() {
    let plain = mutants(Self.python)
    #expect(plain.first?.kind == .comparison)
    #expect(plain.first?.line == 6)
    // Evidence on the return line (0-based 9): its mutants, and its neighbour's, come first.
    let pointed = mutants(Self.python, evidence: [9])
    #expect(pointed.first.map { [8, 9].contains($0.line) } == true)
    #expect(pointed.prefix { [8, 9].contains($0.line) }.contains { $0.line == 9 })
  }

  @Test func aStatementIsRemovedOnlyWhenItsBlockKeepsAnother() {
    let found = mutants(Self.python)
    let removed = Set(found.filter { $0.kind == .deletion }.map(\.line))
    #expect(removed.contains(4))  // kept = [] has a sibling (the for loop)
    #expect(!removed.contains(7))  // kept.append is the if block's only statement
    #expect(!removed.contains(9))  // return lines stay
  }

  @Test func cLikeLanguagesSwapTheirOwnOperators() {
    let js = """
      // sum
      function inRange(x, low, high) {
        return x >= low && x < high || false;
      }

      """
    let found = mutants(js, .javascript, start: 1)
    let afters = found.compactMap(\.after)
    #expect(afters.contains("  return x >= low || x < high || false;"))
    #expect(afters.contains("  return x >= low && x < high || true;"))
    #expect(afters.contains("  return x > low && x < high || false;"))
  }

  @Test func aMutantOfOtherTextChangesNothing() {
    let mutant = Mutant(kind: .comparison, line: 0, before: "a < b", after: "a <= b")
    #expect(mutant.apply(to: "x = 1\n") == "x = 1\n")
    #expect(mutant.apply(to: "a < b\n") == "a <= b\n")
    #expect(mutant.summary == "line 1: `a < b` → `a <= b`")
  }

  @Test func oneFieldTheFunctionReadsMayStandForAnotherButMethodsStay() {
    let graph = """
      def ready(nodes, done):
          for node in nodes:
              if done.issuperset(node.outgoing) and node.weight > 0:
                  yield node.name

      """
    let found = mutants(graph, start: 0)
    let afters = found.compactMap(\.after)
    #expect(afters.contains("        if done.issuperset(node.weight) and node.weight > 0:"))
    #expect(afters.contains("            yield node.outgoing"))
    // A method is not a field: `issuperset(` is never replaced, nor put in a field's place.
    #expect(
      !afters.contains {
        ["done.weight(", "done.outgoing(", "done.name("].contains(where: $0.contains)
      })
    #expect(!afters.contains { $0.contains("node.issuperset)") || $0.contains("node.issuperset ") })
  }
}
