internal import Foundation

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// The process that runs a run: its pid and when that process started, so that a reused pid is
/// not mistaken for the owner (Linux `/proc/<pid>/stat` start time; elsewhere 0, pid only).
package struct RunOwner: Sendable, Equatable, Codable {
  /// The process id.
  package var pid: Int32
  /// The process's start time in clock ticks since boot (0 where unknown).
  package var started: UInt64

  /// Creates an owner.
  package init(pid: Int32, started: UInt64) {
    self.pid = pid
    self.started = started
  }

  /// This process.
  package static var current: RunOwner {
    let pid = getpid()
    return RunOwner(pid: pid, started: startTime(of: pid) ?? 0)
  }

  /// Whether the owner still runs: the pid exists and, where known, started when recorded.
  package var isAlive: Bool {
    guard kill(pid, 0) == 0 || errno == EPERM else { return false }
    guard started != 0, let now = Self.startTime(of: pid) else { return true }
    return now == started
  }

  /// Field 22 of `/proc/<pid>/stat` (after the parenthesised command name, which may hold spaces).
  static func startTime(of pid: Int32) -> UInt64? {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    guard let close = text.lastIndex(of: ")") else { return nil }
    let fields = text[text.index(after: close)...].split(separator: " ")
    // After ")": state is field 3, so start time (field 22) is at index 22 - 3 = 19.
    return fields.count > 19 ? UInt64(fields[19]) : nil
  }
}
