/// Why a scratch copy for verification could not be prepared.
package enum VerificationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The repository or its base commit could not be read.
  case repository(String)
  /// The candidate's diff does not apply to the base commit.
  case diffDoesNotApply(String)
  /// A candidate path is absolute, climbs out with `..`, names `.git`, or passes a symbolic link.
  case unsafePath(String)
  /// The scratch folder or a candidate file could not be written.
  case scratch(String)

  package var description: String {
    switch self {
    case .repository(let detail): "cannot read the repository: \(detail)"
    case .diffDoesNotApply(let detail): "the candidate diff does not apply to the base: \(detail)"
    case .unsafePath(let path): "refusing to write \(path): it leaves the scratch copy"
    case .scratch(let detail): "cannot prepare the scratch copy: \(detail)"
    }
  }
}
