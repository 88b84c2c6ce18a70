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
  throw lastError(rc, function)
}

/// The thread's last libgit2 error as a ``GitError`` (read before any `await`).
///
/// - Parameters:
///   - rc: The C function's return code.
///   - function: The C function's name.
/// - Returns: The error, with libgit2's message or "unknown error".
func lastError(_ rc: CInt, _ function: String) -> GitError {
  let message = git_error_last().map { String(cString: $0.pointee.message) } ?? "unknown error"
  return GitError(code: GitError.Code(rawValue: rc), message: message, function: function)
}

/// Copies a borrowed C string into a Swift `String`, or `nil` for a null pointer.
///
/// - Parameter pointer: A NUL-terminated string owned by libgit2.
/// - Returns: The copied string.
func string(_ pointer: UnsafePointer<CChar>?) -> String? {
  pointer.map { String(cString: $0) }
}

/// Runs `body` with a `git_strarray` holding copies of `strings`, freed afterwards.
///
/// - Parameters:
///   - strings: The strings to pass to libgit2.
///   - body: The call that borrows the array.
/// - Returns: What `body` returns.
/// - Throws: What `body` throws.
func withStrarray<R, E: Error>(
  _ strings: [String], _ body: (inout git_strarray) throws(E) -> R
) throws(E) -> R {
  let copies = strings.map { string -> UnsafeMutablePointer<CChar> in
    let bytes = string.utf8CString
    let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
    _ = UnsafeMutableBufferPointer(start: copy, count: bytes.count).initialize(from: bytes)
    return copy
  }
  defer { copies.forEach { $0.deallocate() } }
  let pointers = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(
    capacity: max(copies.count, 1))
  defer { pointers.deallocate() }
  for (offset, copy) in copies.enumerated() { (pointers + offset).initialize(to: copy) }
  var array = git_strarray(strings: pointers, count: copies.count)
  return try body(&array)
}

extension ObjectID {
  /// Copies a libgit2 object id.
  init(_ oid: git_oid) {
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var hex = [UInt8]()
    hex.reserveCapacity(40)
    withUnsafeBytes(of: oid.id) { bytes in
      for byte in bytes {
        hex.append(digits[Int(byte >> 4)])
        hex.append(digits[Int(byte & 0x0f)])
      }
    }
    self.init(validatedHex: String(decoding: hex, as: UTF8.self))
  }

  /// The libgit2 form of this id.
  var oid: git_oid {
    var oid = git_oid()
    _ = git_oid_fromstrn(&oid, hex, hex.utf8.count)
    return oid
  }
}
