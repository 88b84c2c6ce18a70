internal import Foundation

/// What a sub-agent hands back besides edits: findings, assumptions and a rationale, read from
/// the plain-text conventions the agent prompts ask for (`- finding`, `ASSUMPTION key: value`).
package struct HandBack: Sendable, Equatable, Codable {
  /// Findings, one per `- ` line (analysis agents).
  package var findings: [String]
  /// Assumptions, `key → value`, keys lowercased and trimmed.
  package var assumptions: [String: String]
  /// Prose outside code fences that is neither a finding nor an assumption.
  package var rationale: String

  /// Reads the hand-back conventions out of a reply.
  package init(reply: String) {
    var findings: [String] = []
    var assumptions: [String: String] = [:]
    var prose: [String] = []
    var inFence = false
    for raw in reply.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("```") {
        inFence.toggle()
        continue
      }
      guard !inFence else { continue }
      if line.uppercased().hasPrefix("ASSUMPTION"), let colon = line.firstIndex(of: ":") {
        let head = line[line.index(line.startIndex, offsetBy: 10)..<colon]
        var key = head.trimmingCharacters(in: .whitespaces).lowercased()
        var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if key.isEmpty, let inner = value.firstIndex(of: ":") {  // "ASSUMPTION: key: value"
          key = value[..<inner].trimmingCharacters(in: .whitespaces).lowercased()
          value = value[value.index(after: inner)...].trimmingCharacters(in: .whitespaces)
        }
        if !key.isEmpty, !value.isEmpty { assumptions[key] = value }
      } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
        findings.append(String(line.dropFirst(2)))
      } else if !line.isEmpty {
        prose.append(line)
      }
    }
    self.findings = findings
    self.assumptions = assumptions
    self.rationale = prose.prefix(5).joined(separator: " ")
  }
}
