internal import FoundationEssentials
@preconcurrency internal import Glibc

/// The few POSIX process and socket operations the local runtime needs (libc forces them).
enum ProcessControl {
  /// Whether a process with `pid` exists (zombies count as gone).
  static func isAlive(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return true }
    let state = stat[stat.index(after: close)...].split(separator: " ").first
    return state != "Z" && state != "X"
  }

  /// The process's command line, arguments joined by spaces (Linux `/proc`).
  static func commandLine(_ pid: Int32) -> String? {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
      return nil
    }
    return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
  }

  /// Sends `signal` to `pid`.
  static func send(_ signal: Int32, to pid: Int32) {
    _ = kill(pid, signal)
  }

  /// The terminate and kill signals, so callers need not import libc.
  static let terminate = SIGTERM
  static let forceKill = SIGKILL

  /// Whether something accepts TCP connections on 127.0.0.1:`port`.
  static func isListening(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let rc = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    return rc == 0
  }
}
