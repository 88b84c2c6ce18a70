/// The state of one review: the proposal with its decisions, and the hunk under the cursor.
///
/// A value with no I/O: ``ReviewDriver`` reads keys and saves the proposal after every step, so
/// the decisions on disk always match this state. The cursor starts at the first undecided hunk,
/// which is what makes quitting and coming back resume where the reviewer stopped.
package struct ReviewSession: Sendable, Equatable {
  /// What a key did.
  package enum Step: Sendable, Equatable {
    /// A decision was made (or the hunk skipped); the cursor moved to the next undecided hunk.
    case moved
    /// Nothing changed, and here is why.
    case refused(String)
    /// The last undecided hunk was passed.
    case finished
    /// The reviewer quit.
    case quit
    /// Show the help.
    case help
    /// Open the hunk under the cursor in the editor.
    case edit
  }

  /// How many hunks are in each state.
  package struct Tally: Sendable, Equatable, Codable {
    /// Accepted hunks.
    package var accepted: Int
    /// Rejected hunks.
    package var rejected: Int
    /// Hunks nobody decided yet.
    package var pending: Int

    /// Creates a tally.
    package init(accepted: Int, rejected: Int, pending: Int) {
      self.accepted = accepted
      self.rejected = rejected
      self.pending = pending
    }
  }

  /// The proposal, decisions included.
  package private(set) var proposal: Proposal
  /// Hunk position → why it no longer applies to HEAD (the base moved); such hunks cannot be
  /// accepted.
  package let stale: [Int: String]
  /// The position (in `proposal.hunks`) under review, or `nil` when every hunk was passed.
  package private(set) var current: Int?

  /// Starts (or resumes) a review at the first undecided hunk.
  /// - Parameters:
  ///   - proposal: The proposal, with any decisions already made.
  ///   - stale: Positions of hunks that no longer apply, with the reason.
  package init(proposal: Proposal, stale: [Int: String] = [:]) {
    self.proposal = proposal
    self.stale = stale
    self.current = proposal.hunks.firstIndex { $0.decision == .pending }
  }

  /// The decisions so far.
  package var tally: Tally {
    let hunks = proposal.hunks
    return Tally(
      accepted: hunks.count { $0.decision == .accepted },
      rejected: hunks.count { $0.decision == .rejected },
      pending: hunks.count { $0.decision == .pending })
  }

  /// Applies one key.
  /// - Parameter action: The key's action.
  /// - Returns: What happened; ``Step/edit`` asks the caller to run the editor and then call
  ///   ``acceptEdited(diff:)`` (or nothing, to keep the hunk as it was).
  package mutating func handle(_ action: ReviewAction) -> Step {
    guard let position = current else { return .finished }
    let path = proposal.hunks[position].path
    switch action {
    case .accept:
      if let reason = stale[position] { return .refused(Self.staleRefusal(reason)) }
      proposal.hunks[position].decision = .accepted
    case .reject:
      proposal.hunks[position].decision = .rejected
    case .edit:
      if let reason = stale[position] { return .refused(Self.staleRefusal(reason)) }
      return .edit
    case .skip:
      break
    case .acceptRestOfFile, .rejectRestOfFile:
      let decision: ProposalHunk.Decision = action == .acceptRestOfFile ? .accepted : .rejected
      for i in position..<proposal.hunks.count
      where proposal.hunks[i].path == path && proposal.hunks[i].decision == .pending {
        if decision == .accepted && stale[i] != nil { continue }
        proposal.hunks[i].decision = decision
      }
    case .quit:
      return .quit
    case .help:
      return .help
    }
    return advance(from: position)
  }

  /// Replaces the hunk under the cursor with the reviewer's edited version and accepts it.
  /// - Parameter diff: The edited one-hunk patch (already checked against the base).
  /// - Returns: ``Step/moved`` or ``Step/finished``.
  package mutating func acceptEdited(diff: String) -> Step {
    guard let position = current else { return .finished }
    proposal.hunks[position].diff = diff
    if !proposal.hunks[position].notes.contains(Self.editedNote) {
      proposal.hunks[position].notes.append(Self.editedNote)
    }
    proposal.hunks[position].decision = .accepted
    return advance(from: position)
  }

  /// The note an edited hunk carries.
  package static let editedNote = "edited by the reviewer"

  private mutating func advance(from position: Int) -> Step {
    let next = proposal.hunks.indices.first {
      $0 > position && proposal.hunks[$0].decision == .pending
    }
    current = next
    return next == nil ? .finished : .moved
  }

  private static func staleRefusal(_ reason: String) -> String {
    "this hunk no longer applies to HEAD (\(reason)); reject it or skip it"
  }
}
