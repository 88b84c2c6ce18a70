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
    /// `GIT_ECONFLICT` (-13).
    package static let conflict = Code(rawValue: -13)
    /// `GIT_ELOCKED` (-14).
    package static let locked = Code(rawValue: -14)
    /// `GIT_EAPPLYFAIL` (-35).
    package static let applyFailed = Code(rawValue: -35)
  }

  /// The libgit2 error code.
  package var code: Code
  /// The message libgit2 recorded, or assist's own explanation.
  package var message: String
  /// The C function that failed (or the Swift operation, for errors assist raises itself).
  package var function: String

  /// Creates an error.
  package init(code: Code, message: String, function: String) {
    self.code = code
    self.message = message
    self.function = function
  }

  package var description: String { "\(function): \(message)" }
}
