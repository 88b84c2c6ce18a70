/// A failed libgit2 call: its function, its code, and the message libgit2 recorded on the thread.
package struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An open set of libgit2 error codes; named members exist for codes callers branch on.
  package struct Code: RawRepresentable, Sendable, Hashable {
    package var rawValue: Int32
    package init(rawValue: Int32) { self.rawValue = rawValue }

    /// `GIT_ERROR` (-1): a generic failure.
    package static let generic = Code(rawValue: -1)
    /// `GIT_ENOTFOUND` (-3).
    package static let notFound = Code(rawValue: -3)
    /// `GIT_EEXISTS` (-4).
    package static let exists = Code(rawValue: -4)
    /// `GIT_EUNBORNBRANCH` (-9).
    package static let unbornBranch = Code(rawValue: -9)
    /// `GIT_ECONFLICT` (-13).
    package static let conflict = Code(rawValue: -13)
    /// `GIT_ELOCKED` (-14).
    package static let locked = Code(rawValue: -14)
    /// `GIT_EAPPLYFAIL` (-35).
    package static let applyFailed = Code(rawValue: -35)
    /// Not a libgit2 code: the patch holds no file changes ("nothing to apply").
    package static let emptyPatch = Code(rawValue: -1000)
    /// Not a libgit2 code: the patch text could not be parsed.
    package static let malformedPatch = Code(rawValue: -1001)
  }

  /// The libgit2 error code.
  package var code: Code
  /// The message libgit2 recorded, or assist's own explanation.
  package var message: String
  /// The C function that failed (or the Swift operation, for errors assist raises itself).
  package var function: String
  /// For ``Code/applyFailed``: every file and hunk that does not apply, and why.
  package var failures: [ApplyFailure]

  /// Creates an error.
  ///
  /// - Parameters:
  ///   - code: The libgit2 (or assist) code.
  ///   - message: The captured message.
  ///   - function: The failing C function or Swift operation.
  ///   - failures: Per-file apply failures, when the error is a failed patch.
  package init(code: Code, message: String, function: String, failures: [ApplyFailure] = []) {
    self.code = code
    self.message = message
    self.function = function
    self.failures = failures
  }

  package var description: String {
    guard !failures.isEmpty else { return "\(function): \(message)" }
    return "patch does not apply: " + failures.map(\.description).joined(separator: "; ")
  }
}
