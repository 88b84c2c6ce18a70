/// Why a review, apply or reject of a stored proposal cannot go ahead.
package enum ReviewError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The run has no proposal.
  case noProposal(String)
  /// No run in this repository waits for review.
  case nothingToReview(String)
  /// The run's proposal was already applied.
  case alreadyApplied(String)
  /// The run was rejected.
  case rejected(String)
  /// Hunks chosen for landing no longer apply to HEAD: (hunk number, file, reason).
  case staleHunks(run: String, hunks: [StaleHunk])

  /// A hunk that no longer applies.
  package struct StaleHunk: Sendable, Equatable, Codable {
    /// 1-based hunk number, as `assist review` shows it.
    package var number: Int
    /// The file.
    package var path: String
    /// libgit2's reason.
    package var reason: String

    /// Creates a record.
    package init(number: Int, path: String, reason: String) {
      self.number = number
      self.path = path
      self.reason = reason
    }
  }

  package var description: String {
    switch self {
    case .noProposal(let id): "run \(id) has no proposal"
    case .nothingToReview(let repository):
      "no proposal waits for review in \(repository) (assist log lists runs)"
    case .alreadyApplied(let id):
      "run \(id) was already applied; assist undo \(id) reverts it"
    case .rejected(let id): "run \(id) was rejected"
    case .staleHunks(let run, let hunks):
      "the base moved and \(hunks.count) chosen hunk\(hunks.count == 1 ? "" : "s") no longer "
        + "appl\(hunks.count == 1 ? "ies" : "y"): "
        + hunks.map { "hunk \($0.number) (\($0.path)): \($0.reason)" }.joined(separator: "; ")
        + "; reject \(hunks.count == 1 ? "it" : "them") with assist review \(run), then apply"
    }
  }
}
