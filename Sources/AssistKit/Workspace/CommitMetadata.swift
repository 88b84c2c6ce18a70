import Foundation
package import Git

/// What assist records in the commit it makes: the message and its `Assist-*` trailers.
///
/// Everything except the run id is optional: trailers are written for whatever is known.
package struct CommitMetadata: Sendable, Equatable {
  /// The run or proposal id (`Assist-Run`), also the default branch suffix (`assist/<id>`).
  package var runID: String
  /// The commit message (summary line, optionally a body).
  package var message: String
  /// The agent that wrote the change (`Assist-Agent`).
  package var agent: String?
  /// The model that wrote it (`Assist-Model`).
  package var model: String?
  /// The routing tier (`Assist-Tier`).
  package var tier: String?
  /// What it cost in US dollars (`Assist-Cost`).
  package var costUSD: Double?
  /// Further trailers, written after the `Assist-*` ones.
  package var extraTrailers: [Trailer]

  /// Creates commit metadata.
  package init(
    runID: String, message: String, agent: String? = nil, model: String? = nil,
    tier: String? = nil, costUSD: Double? = nil, extraTrailers: [Trailer] = []
  ) {
    self.runID = runID
    self.message = message
    self.agent = agent
    self.model = model
    self.tier = tier
    self.costUSD = costUSD
    self.extraTrailers = extraTrailers
  }

  /// The trailer key that marks assist's commits.
  package static let runKey = "Assist-Run"
  /// The trailer key that marks a commit undoing a run.
  package static let undoKey = "Assist-Undo"

  /// The trailers, in a fixed order.
  package var trailers: [Trailer] {
    var trailers = [Trailer(Self.runKey, runID)]
    if let agent { trailers.append(Trailer("Assist-Agent", agent)) }
    if let model { trailers.append(Trailer("Assist-Model", model)) }
    if let tier { trailers.append(Trailer("Assist-Tier", tier)) }
    if let costUSD { trailers.append(Trailer("Assist-Cost", String(format: "$%.6f", costUSD))) }
    return trailers + extraTrailers
  }

  /// The full commit message with trailers.
  package var fullMessage: String { Trailer.compose(message: message, trailers: trailers) }

  /// A short random run id for changes that come from no stored run (`assist apply --patch`).
  ///
  /// - Returns: Eight lowercase hex digits.
  package static func makeRunID() -> String {
    String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8)).lowercased()
  }
}

/// Where the workspace commits a change.
package enum Placement: Sendable, Equatable {
  /// On a new branch (the name given, or `assist/<run id>`), which HEAD then points at.
  case newBranch(String?)
  /// On the branch HEAD points at (or on a detached HEAD).
  case currentBranch
}
