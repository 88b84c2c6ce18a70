internal import Foundation

/// Runs a review: shows each undecided hunk, reads a key, applies it to the ``ReviewSession``,
/// and saves the proposal after every decision so that nothing is lost on quit or Ctrl-C.
package struct ReviewDriver {
  /// How a review ended.
  package enum Ending: String, Sendable, Equatable, Codable {
    /// Every hunk was passed.
    case finished
    /// The reviewer quit (or input ended).
    case quit
  }

  /// Draws hunks.
  package var renderer: HunkRenderer
  /// Saves the proposal (called after every decision).
  package var save: (Proposal) throws -> Void
  /// The text of a file at the proposal's base (`nil` when absent), for checking edits.
  package var baseText: (String) throws -> String?
  /// Where editor files go.
  package var temporaryDirectory: String

  /// Creates a driver.
  /// - Parameters:
  ///   - renderer: Draws hunks.
  ///   - temporaryDirectory: Where editor files go.
  ///   - save: Persists the proposal.
  ///   - baseText: Reads a file at the base commit.
  package init(
    renderer: HunkRenderer, temporaryDirectory: String = NSTemporaryDirectory(),
    save: @escaping (Proposal) throws -> Void, baseText: @escaping (String) throws -> String?
  ) {
    self.renderer = renderer
    self.temporaryDirectory = temporaryDirectory
    self.save = save
    self.baseText = baseText
  }

  /// Reviews until every undecided hunk was passed or the reviewer quits.
  /// - Parameters:
  ///   - session: The session; it holds the decisions afterwards.
  ///   - console: Keys in, text out.
  /// - Returns: How it ended.
  /// - Throws: The store's errors from `save`.
  package func run<Console: ReviewConsole>(
    _ session: inout ReviewSession, console: inout Console
  ) throws -> Ending {
    while let position = session.current {
      console.write(
        renderer.render(session.proposal, position: position, stale: session.stale[position]))
      var step: ReviewSession.Step = .help
      while step == .help || Self.isRefusal(step) {
        console.write(ReviewAction.prompt + " ")
        guard let key = console.readKey() else {
          console.write("\n")
          return .quit
        }
        console.write(String(key) + "\n")
        guard let action = ReviewAction(key: key) else {
          console.write("unknown key '\(key)'; press ? for help\n")
          step = .refused("")
          continue
        }
        step = session.handle(action)
        switch step {
        case .help: console.write(ReviewAction.helpText + "\n")
        case .refused(let reason): console.write(reason + "\n")
        case .edit:
          step = try edit(&session, position: position, console: &console)
          if case .refused(let reason) = step { console.write(reason + "\n") }
        case .moved, .finished, .quit: break
        }
      }
      if step == .quit { return .quit }
      try save(session.proposal)
    }
    return .finished
  }

  /// Runs the editor on the hunk; returns the step after it (a refusal keeps the hunk).
  private func edit<Console: ReviewConsole>(
    _ session: inout ReviewSession, position: Int, console: inout Console
  ) throws -> ReviewSession.Step {
    let hunk = session.proposal.hunks[position]
    let file = temporaryDirectory + "/assist-hunk-\(UUID().uuidString.prefix(8)).diff"
    defer { try? FileManager.default.removeItem(atPath: file) }
    let text = HunkEditor.editableText(
      hunk, position: position, total: session.proposal.hunks.count)
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: file))
      try console.edit(file)
    } catch {
      return .refused("the editor failed (\(error)); keeping the hunk as it was")
    }
    guard let data = FileManager.default.contents(atPath: file) else {
      return .refused("the edited file is gone; keeping the hunk as it was")
    }
    let others = session.proposal.hunks.enumerated().filter {
      $0.offset != position && $0.element.path == hunk.path
    }.map(\.element)
    do {
      let diff = try HunkEditor.patch(
        from: String(decoding: data, as: UTF8.self), original: hunk, others: others,
        base: try baseText(hunk.path))
      console.write("edited hunk accepted\n")
      return session.acceptEdited(diff: diff)
    } catch let failure as HunkEditor.Failure {
      console.write(renderer.body(of: hunk.diff))
      return .refused(failure.description)
    }
  }

  private static func isRefusal(_ step: ReviewSession.Step) -> Bool {
    if case .refused = step { return true }
    return false
  }

  /// The closing lines: the tally and the command to run next.
  /// - Parameters:
  ///   - session: The session after the review.
  ///   - ending: How it ended.
  /// - Returns: Lines ending in a newline.
  package static func summary(_ session: ReviewSession, ending: Ending) -> String {
    let id = session.proposal.runID
    let tally = session.tally
    var out =
      "\(ending == .quit ? "review paused" : "review done"): accepted \(tally.accepted), "
      + "rejected \(tally.rejected), pending \(tally.pending)\n"
    if tally.pending > 0 { out += "continue with: assist review \(id)\n" }
    if tally.accepted > 0 {
      out +=
        "apply with: assist apply \(id)   (--here for the current branch, --squash for one commit)\n"
    } else if tally.pending == 0 {
      out += "nothing accepted; discard it with: assist reject \(id)\n"
    }
    return out
  }
}
