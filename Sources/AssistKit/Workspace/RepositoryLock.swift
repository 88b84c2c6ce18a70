import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive lock on one repository, held by one assist process while it writes.
///
/// The lock is `.git/assist.lock`, holding the owner's pid and what it is doing. Exclusion comes
/// from `flock(2)`, which the kernel releases when the process dies, so a lock left by a killed
/// process is recovered automatically; its contents then say what was interrupted.
package final class RepositoryLock {
  /// The lock file's path.
  package let path: String
  /// What the previous, dead owner was doing when it was killed, if the lock was stale.
  package let interrupted: String?
  private let descriptor: Int32

  /// Takes the lock or fails at once.
  ///
  /// - Parameters:
  ///   - gitDirectory: The repository's `.git` directory.
  ///   - purpose: A short description recorded in the file ("apply run abc").
  /// - Throws: ``WorkspaceError/locked(pid:)`` when a live process holds it.
  package init(gitDirectory: String, purpose: String) throws {
    let path = gitDirectory + "/assist.lock"
    while true {
      let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else {
        throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
      }
      if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
        let owner = Self.contents(descriptor)
        close(descriptor)
        throw WorkspaceError.locked(pid: Self.pid(in: owner))
      }
      // The previous owner may have deleted the file between our open and flock; retry then.
      var opened = stat()
      var current = stat()
      guard fstat(descriptor, &opened) == 0, stat(path, &current) == 0,
        opened.st_ino == current.st_ino
      else {
        close(descriptor)
        continue
      }
      let previous = Self.contents(descriptor)
      self.path = path
      self.descriptor = descriptor
      self.interrupted = previous.isEmpty ? nil : previous
      record("\(getpid())\n\(purpose)\n")
      return
    }
  }

  deinit {
    unlink(path)
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }

  /// Replaces the lock file's description of the work in progress (kept if the process dies).
  ///
  /// - Parameter text: The pid line followed by what is being done.
  package func record(_ text: String) {
    ftruncate(descriptor, 0)
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
  }

  private static func contents(_ descriptor: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    return count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : ""
  }

  private static func pid(in contents: String) -> Int32? {
    contents.split(separator: "\n").first.flatMap { Int32($0) }
  }
}
