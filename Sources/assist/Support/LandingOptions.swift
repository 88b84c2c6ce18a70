import ArgumentParser

/// `--apply` and `--here`, shared by the commands that finish a run (`task`, `resume`).
struct LandingOptions: ParsableArguments {
  @Flag(help: "Land the proposal at once (on assist/<id>, or the current branch with --here).")
  var apply = false

  @Flag(help: "With --apply: commit on the current branch instead of assist/<id>.")
  var here = false

  func validate() throws {
    if here && !apply { throw ValidationError("--here only makes sense with --apply") }
  }
}
