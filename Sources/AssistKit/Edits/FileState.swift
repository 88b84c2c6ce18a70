/// One file's content while a reply's blocks are applied to it, with the line ranges each applied
/// block wrote (kept in current coordinates, to refuse overlapping blocks).
struct FileState {
  /// The content at the base, or `nil` if the file did not exist.
  let base: String?
  /// The current lines.
  private(set) var lines: [Substring]
  /// Whether the file currently exists.
  private(set) var exists: Bool
  /// Whether the current content ends with a newline.
  private var endsWithNewline: Bool
  /// The ranges applied blocks wrote, and which block wrote each.
  private(set) var written: [(range: Range<Int>, block: Int)] = []

  init(base: String?) {
    self.base = base
    self.lines = base?.editLines ?? []
    self.exists = base != nil
    self.endsWithNewline = base.map { $0.isEmpty || $0.utf8.last == UInt8(ascii: "\n") } ?? true
  }

  /// The current content, or `nil` if the file is deleted or was never created.
  var text: String? {
    guard exists else { return nil }
    guard !lines.isEmpty else { return "" }
    return lines.joined(separator: "\n") + (endsWithNewline ? "\n" : "")
  }

  /// Replaces the whole content, recording it as written by `block`.
  mutating func replaceAll(with text: String, block: Int) {
    lines = text.editLines
    exists = true
    endsWithNewline = text.isEmpty || text.utf8.last == UInt8(ascii: "\n")
    written = [(0..<lines.count, block)]
  }

  /// Marks the file deleted.
  mutating func delete() {
    lines = []
    exists = false
    written = []
  }

  /// Replaces the lines in `range` with `new`, recording them as written by `block`.
  mutating func splice(_ range: Range<Int>, with new: [String], block: Int = 0) {
    lines.replaceSubrange(range, with: new.map { Substring($0) })
    let delta = new.count - range.count
    written = written.map { entry in
      entry.range.lowerBound >= range.upperBound
        ? (entry.range.lowerBound + delta..<entry.range.upperBound + delta, entry.block) : entry
    }
    written.append((range.lowerBound..<range.lowerBound + new.count, block))
  }
}
