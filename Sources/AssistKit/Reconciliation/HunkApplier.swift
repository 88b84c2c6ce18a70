/// Applies a chosen subset of a proposal's hunks to the base text of one file.
///
/// Every hunk of a proposal is relative to the same base and hunks never overlap, so a subset
/// applies by position alone; the context lines are still compared, so a hunk whose base does
/// not match is refused rather than guessed.
package enum HunkApplier {
  /// A hunk that does not fit the text it is applied to.
  package struct Mismatch: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file.
    package var path: String
    /// The hunk's header.
    package var header: String
    package var description: String { "\(path): hunk \(header) does not match the base" }
  }

  /// `base` with `hunks` (one-hunk patches of this file) applied.
  /// - Parameters:
  ///   - hunks: Standalone one-hunk patches, in any order.
  ///   - base: The file at the base, or `nil` if the proposal creates it.
  ///   - path: The file, for errors.
  /// - Returns: The new text, or `nil` when the hunks delete the file.
  /// - Throws: ``Mismatch`` when a hunk's old lines are not at its position.
  package static func apply(_ hunks: [String], to base: String?, path: String) throws -> String? {
    var lines = base.map(splitLines) ?? []
    var baseEndsWithNewline = base.map { $0.isEmpty || $0.hasSuffix("\n") } ?? true
    var deletes = false
    let parsed = hunks.compactMap(parse).sorted { $0.oldStart > $1.oldStart }  // bottom-up
    for hunk in parsed {
      if hunk.deletesFile { deletes = true }
      let start = max(hunk.oldStart - (hunk.oldCount == 0 ? 0 : 1), 0)
      guard start + hunk.old.count <= lines.count,
        Array(lines[start..<start + hunk.old.count]) == hunk.old
      else { throw Mismatch(path: path, header: hunk.header) }
      lines.replaceSubrange(start..<start + hunk.old.count, with: hunk.new)
      // A hunk that reaches the end of the file carries a "\ No newline" marker deciding it.
      if hunk.touchesEnd { baseEndsWithNewline = hunk.newEndsWithNewline }
    }
    if deletes && lines.isEmpty { return nil }
    guard !lines.isEmpty else { return "" }
    return lines.joined(separator: "\n") + (baseEndsWithNewline ? "\n" : "")
  }

  private struct Hunk {
    var header: String
    var oldStart: Int
    var oldCount: Int
    var old: [String]
    var new: [String]
    var touchesEnd: Bool
    var newEndsWithNewline: Bool
    var deletesFile: Bool
  }

  private static func splitLines(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  private static func parse(_ patch: String) -> Hunk? {
    let lines = patch.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let at = lines.firstIndex(where: { $0.hasPrefix("@@") }) else { return nil }
    let header = lines[at]
    let numbers = header.split(separator: " ").dropFirst().prefix(2)
    guard let oldPart = numbers.first?.dropFirst().split(separator: ","),
      let oldStart = Int(oldPart[0])
    else {
      return nil
    }
    let oldCount = oldPart.count > 1 ? Int(oldPart[1]) ?? 1 : 1
    var hunk = Hunk(
      header: header, oldStart: oldStart, oldCount: oldCount, old: [], new: [], touchesEnd: false,
      newEndsWithNewline: true, deletesFile: lines.contains("+++ /dev/null"))
    var last: Character = " "
    for line in lines[(at + 1)...] {
      guard let first = line.first else { continue }
      switch first {
      case " ":
        hunk.old.append(String(line.dropFirst()))
        hunk.new.append(String(line.dropFirst()))
      case "-": hunk.old.append(String(line.dropFirst()))
      case "+": hunk.new.append(String(line.dropFirst()))
      case "\\":
        hunk.touchesEnd = true
        if last != "-" { hunk.newEndsWithNewline = false }
      default: continue
      }
      last = first
    }
    return hunk
  }
}
