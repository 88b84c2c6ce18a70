/// The text a refused reply sends back to the same model: what failed, the file's actual lines
/// near the target, and which blocks applied and must not be re-sent.
package enum ReflectionFeedback {
  /// The feedback for `outcome`, or an empty string when it was accepted.
  ///
  /// - Parameters:
  ///   - outcome: The pipeline's outcome.
  ///   - instructions: The format's instructions, repeated after a parse failure.
  package static func render(_ outcome: EditOutcome, instructions: String) -> String {
    switch outcome.stage {
    case .accepted: return ""
    case .parse:
      var text = "Your reply could not be read as edits"
      if let error = outcome.parseError {
        text += error.line.map { " (line \($0) of your reply)" } ?? ""
        text += ": \(error.reason)."
      }
      return text + "\n\nWrite your edits again, exactly in this format:\n\n" + instructions
    case .match: return match(outcome)
    case .gate, .check: return gate(outcome)
    }
  }

  private static func match(_ outcome: EditOutcome) -> String {
    let failed = outcome.blocks.compactMap(\.failure)
    guard !failed.isEmpty else {
      return "Your edits leave every file exactly as it was: change the lines the task needs."
    }
    let noun = failed.count == 1 ? "block" : "blocks"
    var text = "\(failed.count) \(noun) of your reply could not be applied.\n"
    for failure in failed {
      text += "\n## Block \(failure.block) (\(failure.path)): \(failure.detail).\n"
      if failure.kind == .ambiguous {
        text += "\nThe places it matches:\n"
      } else if !failure.candidates.isEmpty {
        text += "\nThe closest lines actually in \(failure.path):\n"
      }
      for candidate in failure.candidates { text += "\n" + numbered(candidate) }
    }
    let applied = outcome.blocks.filter(\.applied).map { String($0.block) }
    if !applied.isEmpty {
      let list = applied.joined(separator: ", ")
      text +=
        "\nBlock\(applied.count == 1 ? "" : "s") \(list) applied successfully: do not send "
        + "\(applied.count == 1 ? "it" : "them") again; they are now part of the files.\n"
    }
    text += "Reply with fixed versions of the failed \(noun) only.\n"
    return text
  }

  private static func gate(_ outcome: EditOutcome) -> String {
    var text = "Your edits were placed, but the change was refused:\n"
    for failure in outcome.gateFailures {
      switch failure.kind {
      case .unsafePath:
        text += "\n- \(failure.detail). Only edit files inside the repository.\n"
      case .doesNotApply:
        text += "\n- The change does not apply to the current files: \(failure.detail).\n"
      case .unknownIdentifiers:
        text += "\n- It uses names that exist nowhere in the repository:\n"
        for suspect in outcome.suspects {
          text +=
            "  - `\(suspect.name)` (\(suspect.kind.rawValue), \(suspect.path) line \(suspect.line))\n"
        }
        text +=
          "  Use only functions, attributes and modules that exist, or define them in your change.\n"
      case .notUTF8:
        text += "\n- \(failure.detail). Leave that file unchanged.\n"
      case .checkCommand:
        text +=
          "\n- The check of \(failure.path ?? "the change") failed:\n\n```\n\(failure.detail)\n```\n"
      }
    }
    return text + "\nSend corrected edits for the whole change.\n"
  }

  private static func numbered(_ candidate: EditFailure.Candidate) -> String {
    let width = String(candidate.line + candidate.lines.count).count
    var text = "```\n"
    for (offset, line) in candidate.lines.enumerated() {
      let number = String(candidate.line + offset)
      text += String(repeating: " ", count: width - number.count) + number + " | " + line + "\n"
    }
    return text + "```\n"
  }
}
