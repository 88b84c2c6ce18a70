import ArgumentParser
import AssistKit

/// `--apply` and `--here`, shared by the commands that finish a run (`task`, `resume`).
struct LandingOptions: ParsableArguments {
  @Flag(help: "Land the proposal at once (on assist/<id>, or the current branch with --here).")
  var apply = false

  @Flag(help: "With --apply: commit on the current branch instead of assist/<id>.")
  var here = false

  /// The landing to record with a new run (`nil`: propose only).
  var request: TaskOptions.LandingRequest? { apply ? .init(here: here) : nil }

  /// What to do when a resumed run finishes: these flags, or else what the run was started with.
  ///
  /// - Parameter original: The landing recorded in the run's checkpoint.
  /// - Returns: Whether to apply, and whether on the current branch.
  func honouring(_ original: TaskOptions.LandingRequest?) -> (apply: Bool, here: Bool) {
    if apply { return (true, here) }
    return original.map { (true, $0.here) } ?? (false, false)
  }

  func validate() throws {
    if here && !apply { throw ValidationError("--here only makes sense with --apply") }
  }
}
