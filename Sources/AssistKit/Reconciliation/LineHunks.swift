/// A changed region between two texts, in line numbers of both (0-based, half-open).
package struct LineHunk: Sendable, Equatable {
  /// First old line replaced.
  package var oldStart: Int
  /// Old lines replaced.
  package var oldCount: Int
  /// First new line.
  package var newStart: Int
  /// New lines written.
  package var newCount: Int
  /// The new lines.
  package var added: [Substring]

  /// Whether this hunk's old range overlaps or touches `other`'s (both in the same old text).
  package func meets(_ other: LineHunk) -> Bool {
    oldStart <= other.oldStart + other.oldCount && other.oldStart <= oldStart + oldCount
  }

  /// Whether this hunk's old range overlaps or touches `start..<start+count`.
  package func meets(start: Int, count: Int) -> Bool {
    oldStart <= start + count && start <= oldStart + oldCount
  }

  /// `path:first-last` in 1-based old lines (an insertion names the line it follows).
  package func label(_ path: String) -> String {
    oldCount == 0
      ? "\(path):\(oldStart)+" : "\(path):\(oldStart + 1)-\(oldStart + oldCount)"
  }
}

/// Line-level hunks between two texts (Myers, through the standard library's difference).
package enum LineHunks {
  /// The lines of `text` (`nil` → none), without the trailing empty piece.
  package static func lines(_ text: String?) -> [Substring] {
    guard let text, !text.isEmpty else { return [] }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// The hunks turning `old` into `new`, in order.
  package static func between(_ old: String?, _ new: String?) -> [LineHunk] {
    between(lines: lines(old), lines(new))
  }

  /// The hunks turning `a` into `b`, in order.
  package static func between(lines a: [Substring], _ b: [Substring]) -> [LineHunk] {
    // Trim the common prefix and suffix first: most edits are small.
    var prefix = 0
    while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < a.count - prefix, suffix < b.count - prefix,
      a[a.count - 1 - suffix] == b[b.count - 1 - suffix]
    {
      suffix += 1
    }
    let oldMid = Array(a[prefix..<(a.count - suffix)])
    let newMid = Array(b[prefix..<(b.count - suffix)])
    if oldMid.isEmpty && newMid.isEmpty { return [] }
    var removed = Set<Int>()
    var inserted = Set<Int>()
    if oldMid.isEmpty || newMid.isEmpty {
      removed = Set(0..<oldMid.count)
      inserted = Set(0..<newMid.count)
    } else {
      for change in newMid.difference(from: oldMid) {
        switch change {
        case .remove(let offset, _, _): removed.insert(offset)
        case .insert(let offset, _, _): inserted.insert(offset)
        }
      }
    }
    var hunks: [LineHunk] = []
    var i = 0
    var j = 0
    while i < oldMid.count || j < newMid.count {
      if i < oldMid.count, j < newMid.count, !removed.contains(i), !inserted.contains(j) {
        i += 1
        j += 1
        continue
      }
      var hunk = LineHunk(
        oldStart: prefix + i, oldCount: 0, newStart: prefix + j, newCount: 0, added: [])
      while i < oldMid.count && removed.contains(i) || j < newMid.count && inserted.contains(j) {
        if i < oldMid.count, removed.contains(i) {
          hunk.oldCount += 1
          i += 1
        } else {
          hunk.added.append(newMid[j])
          hunk.newCount += 1
          j += 1
        }
      }
      hunks.append(hunk)
    }
    return hunks
  }
}
