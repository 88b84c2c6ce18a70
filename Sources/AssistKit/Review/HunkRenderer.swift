internal import Foundation

/// Renders a proposal hunk for the reviewer: a header saying who wrote it, on which model, at
/// what cost, with any warning attached, then the diff — coloured only when asked to.
package struct HunkRenderer: Sendable {
  /// Whether to emit ANSI colour (never when not a terminal or `NO_COLOR` is set).
  package var colour: Bool

  /// Creates a renderer.
  /// - Parameter colour: Whether to emit ANSI colour.
  package init(colour: Bool) { self.colour = colour }

  /// Whether colour should be used for an output stream.
  /// - Parameters:
  ///   - isTerminal: Whether the stream is a terminal.
  ///   - variables: The process environment (`NO_COLOR`, `TERM=dumb`).
  /// - Returns: `true` only for a terminal without `NO_COLOR`.
  package static func wantsColour(isTerminal: Bool, variables: [String: String]) -> Bool {
    guard isTerminal, variables["NO_COLOR"].map(\.isEmpty) ?? true else { return false }
    return variables["TERM"] != "dumb"
  }

  /// The hunk at `position` with its provenance header and warnings.
  /// - Parameters:
  ///   - proposal: The proposal.
  ///   - position: Which hunk.
  ///   - stale: Why the hunk no longer applies to HEAD, if it does not.
  /// - Returns: Lines ending in a newline.
  package func render(_ proposal: Proposal, position: Int, stale: String? = nil) -> String {
    let hunk = proposal.hunks[position]
    let p = hunk.provenance
    var out = ""
    let title = "── \(hunk.path) · hunk \(position + 1) of \(proposal.hunks.count) "
    out += paint(title + String(repeating: "─", count: max(3, 72 - title.count)), "1") + "\n"
    out +=
      "sub-task \(p.subtask) · agent \(p.agent) · tier \(p.tier) · model \(p.model) · "
      + "\(Self.tokens(p.tokens)) tokens · \(Self.dollars(p.cost))\n"
    if hunk.decision != .pending { out += "decision so far: \(hunk.decision.rawValue)\n" }
    for note in hunk.notes { out += paint("! " + note, "33") + "\n" }
    for conflict in proposal.conflicts
    where conflict.files.contains(hunk.path) && conflict.subtasks.contains(p.subtask) {
      let detail = conflict.detail.split(separator: "\n").first.map(String.init) ?? ""
      out +=
        paint(
          "! \(conflict.kind) conflict between \(conflict.subtasks.joined(separator: ", ")) "
            + "(\(conflict.resolution)): \(detail)", "33") + "\n"
    }
    if let stale { out += paint("! no longer applies to HEAD: \(stale)", "31;1") + "\n" }
    out += body(of: hunk.diff)
    return out
  }

  /// The `@@` line and body of a one-hunk patch, coloured like `git diff`.
  /// - Parameter diff: A one-hunk patch with its file header.
  /// - Returns: Lines ending in a newline.
  package func body(of diff: String) -> String {
    var out = ""
    var inBody = false
    for line in diff.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("@@") { inBody = true }
      guard inBody else { continue }
      let code =
        switch line.first {
        case "@": "36"
        case "+": "32"
        case "-": "31"
        default: ""
        }
      out += (code.isEmpty ? String(line) : paint(String(line), code)) + "\n"
    }
    while out.hasSuffix("\n\n") { out.removeLast() }
    return out
  }

  /// `1,234`.
  /// - Parameter count: A token count.
  /// - Returns: The count with thousands separators.
  package static func tokens(_ count: Int) -> String {
    let digits = String(count)
    var out = ""
    for (i, digit) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 && digit != "-" && out != "-" { out += "," }
      out.append(digit)
    }
    return out
  }

  /// `$0.0123` (four decimals under a dollar, two above).
  /// - Parameter cost: Dollars.
  /// - Returns: The formatted amount.
  package static func dollars(_ cost: Double) -> String {
    String(format: cost < 1 ? "$%.4f" : "$%.2f", cost)
  }

  private func paint(_ text: String, _ code: String) -> String {
    colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
