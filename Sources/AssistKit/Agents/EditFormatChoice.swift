/// Picks the edit format for a sub-task: the agent's, or by tier and file size when it says `auto`.
///
/// Measured here: asked for SEARCH/REPLACE blocks, the 0.5B model never wrote a well-formed edit
/// and the 1.5B did 5 times in 6; asked for whole files, both were well-formed 6 times in 6. So
/// small files on free (local) tiers get whole files; large files, or paid tiers where output
/// tokens cost money, get blocks.
package struct EditFormatChoice: Sendable, Equatable {
  /// Files up to this many lines are sent back whole by free tiers.
  package var wholeFileLinesOnFreeTiers: Int
  /// Files up to this many lines are sent back whole by paid tiers.
  package var wholeFileLinesOnPaidTiers: Int

  /// Creates the policy.
  package init(wholeFileLinesOnFreeTiers: Int = 300, wholeFileLinesOnPaidTiers: Int = 60) {
    self.wholeFileLinesOnFreeTiers = wholeFileLinesOnFreeTiers
    self.wholeFileLinesOnPaidTiers = wholeFileLinesOnPaidTiers
  }

  /// The format's registered name.
  /// - Parameters:
  ///   - agent: The agent's declared format (`auto`, `none` or a name).
  ///   - tier: The tier the attempt runs on.
  ///   - largestFileLines: Lines of the largest file in scope.
  package func format(agent: String?, tier: Tier, largestFileLines: Int) -> String {
    if let agent, agent != "auto" { return agent }
    let limit = tier.isFree ? wholeFileLinesOnFreeTiers : wholeFileLinesOnPaidTiers
    return largestFileLines <= limit ? "whole-file" : "search-replace"
  }
}
