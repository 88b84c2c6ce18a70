internal import CGit2

/// Initialises libgit2 exactly once per process, lazily and thread-safely (`swift_once`).
///
/// Never shut down: the library lives as long as the process.
let libgit2Initialized: Void = { _ = git_libgit2_init() }()

/// Throws the thread's last libgit2 error if `rc` reports failure.
///
/// Call it directly after the C call, with no `await` in between: libgit2 keeps errors per thread.
/// - Parameters:
///   - rc: The C function's return code.
///   - function: The C function's name, for the error's description.
/// - Throws: ``GitError`` carrying the code and libgit2's message.
func check(_ rc: CInt, _ function: String) throws(GitError) {
  guard rc < 0 else { return }
  let message = git_error_last().map { String(cString: $0.pointee.message) } ?? "unknown error"
  throw GitError(code: GitError.Code(rawValue: rc), message: message, function: function)
}
