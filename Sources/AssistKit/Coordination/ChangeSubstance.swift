/// Whether a candidate does anything the sub-task asked for, before tests are trusted with it.
///
/// Tests only judge what they cover: a feature task whose tests already pass accepts any change
/// that breaks nothing, including a reply that only deleted a blank line (the 0.5B did exactly
/// that on the quick start's task). Two cheap refusals close that hole: a change of whitespace
/// only, and a change that leaves out a new name the goal asks for (`count(name)`, `clear()`).
package enum ChangeSubstance {
  /// Why `changes` cannot be what `goal` asks for, or `nil`.
  /// - Parameters:
  ///   - changes: The candidate's files (old → new).
  ///   - goal: The sub-task's goal (in single-agent runs, the task).
  ///   - base: The repository's files before any change.
  package static func problem(
    _ changes: [EditApplier.FileChange], goal: String, base: [String: String]
  ) -> String? {
    let changed = changes.filter { $0.old != $0.new }
    guard !changed.isEmpty else { return nil }
    if changed.allSatisfy({ squeezed($0.old ?? "") == squeezed($0.new ?? "") }) {
      return
        "Your change only touches blank lines or trailing spaces, so it does not do the task: \(goal)"
    }
    let wanted = newNames(in: goal, base: base)
    let written = changed.compactMap(\.new)
    let missing = wanted.filter { name in !written.contains { containsWord(name, in: $0) } }
    guard !missing.isEmpty else { return nil }
    let list = missing.map { "`\($0)`" }.joined(separator: ", ")
    return "The task asks for \(list), which your change does not add: \(goal)"
  }

  /// Names the goal writes as calls (`count(name)`, `clear()`) that exist nowhere in the base:
  /// what the change must introduce.
  package static func newNames(in goal: String, base: [String: String]) -> [String] {
    var names: [String] = []
    var current = ""
    for character in goal + " " {
      if character.isLetter || character.isNumber || character == "_" {
        current.append(character)
        continue
      }
      if character == "(", current.count >= 2, current.first?.isNumber == false,
        !names.contains(current), !base.values.contains(where: { containsWord(current, in: $0) })
      {
        names.append(current)
      }
      current = ""
    }
    return names
  }

  /// The text without blank lines and trailing spaces. Indentation stays: in Python moving a line
  /// in or out of a block is a real change.
  private static func squeezed(_ text: String) -> [Substring] {
    text.split(separator: "\n").map { line in
      line[
        ..<(line.lastIndex(where: { !$0.isWhitespace }).map(line.index(after:)) ?? line.startIndex)]
    }.filter { !$0.isEmpty }
  }

  /// Whether `name` occurs in `text` as a whole identifier.
  static func containsWord(_ name: String, in text: String) -> Bool {
    SymbolExtent.wordRange(of: name, in: Substring(text)) != nil
  }
}
