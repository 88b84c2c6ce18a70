/// Reads the conflict markers of a three-way merge back into sides.
package enum ConflictMarkers {
  /// The label written for the first side.
  package static let ours = "assist-reconcile-ours"
  /// The label written for the second side.
  package static let theirs = "assist-reconcile-theirs"

  /// Which side to keep in every conflicting chunk.
  package enum Side: Sendable { case ours, theirs }

  /// `merged` with every conflicting chunk replaced by `side`'s lines.
  /// - Returns: The text and the other side's chunks (what was not kept), in order.
  package static func keep(_ side: Side, in merged: String) -> (text: String, dropped: [String]) {
    var out: [Substring] = []
    var dropped: [String] = []
    var chunk: [Substring] = []
    enum State { case outside, first, second }
    var state = State.outside
    var lines = merged.split(separator: "\n", omittingEmptySubsequences: false)
    let endsWithNewline = lines.last == ""
    if endsWithNewline { lines.removeLast() }
    for line in lines {
      switch state {
      case .outside:
        if line == "<<<<<<< \(ours)" { state = .first } else { out.append(line) }
      case .first:
        if line == "=======" {
          state = .second
        } else if side == .ours {
          out.append(line)
        } else {
          chunk.append(line)
        }
      case .second:
        if line == ">>>>>>> \(theirs)" {
          state = .outside
          dropped.append(chunk.joined(separator: "\n"))
          chunk = []
        } else if side == .theirs {
          out.append(line)
        } else {
          chunk.append(line)
        }
      }
    }
    let text = out.joined(separator: "\n")
    return (out.isEmpty ? "" : text + (endsWithNewline ? "\n" : ""), dropped)
  }
}
