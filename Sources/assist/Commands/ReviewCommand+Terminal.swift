import AssistKit
import Dispatch
import Foundation

/// The review console on the real terminal: single keys in raw mode when standard input is a
/// terminal (restored on exit and on SIGINT), one answer per line otherwise.
struct TerminalConsole: ReviewConsole {
  /// The terminal settings to restore, while raw mode is on.
  private var saved: termios?
  /// Whether standard input is a terminal.
  private let interactive = isatty(STDIN_FILENO) == 1
  /// Restores the terminal when SIGINT arrives while a key is awaited.
  private var interrupt: (any DispatchSourceSignal)?

  func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  mutating func readKey() -> Character? {
    guard interactive else {
      while let line = readLine() {
        if let first = line.trimmingCharacters(in: .whitespaces).first { return first }
      }
      return nil
    }
    enterRaw()
    while true {
      var byte: UInt8 = 0
      let count = read(STDIN_FILENO, &byte, 1)
      if count <= 0 { return nil }
      switch byte {
      case 3, 4: return nil  // Ctrl-C, Ctrl-D: quit (decisions are already saved)
      case 10, 13, 32: continue
      default: return Character(Unicode.Scalar(byte))
      }
    }
  }

  mutating func edit(_ path: String) throws {
    restore()
    let variables = ProcessInfo.processInfo.environment
    let editor = [variables["VISUAL"], variables["EDITOR"]].compactMap { $0 }.first {
      !$0.isEmpty
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", (editor ?? "vi") + " \"$1\"", "sh", path]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw EditorFailure(status: process.terminationStatus)
    }
  }

  /// Leaves raw mode if it is on.
  mutating func restore() {
    guard var settings = saved else { return }
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &settings)
    saved = nil
  }

  /// Restores the terminal and exits 130 if SIGINT arrives from outside (Ctrl-C itself is read
  /// as a key in raw mode and quits cleanly).
  mutating func startInterruptHandler() {
    guard interactive else { return }
    var original = termios()
    guard tcgetattr(STDIN_FILENO, &original) == 0 else { return }
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
      var settings = original
      tcsetattr(STDIN_FILENO, TCSAFLUSH, &settings)
      FileHandle.standardOutput.write(Data("\ninterrupted; decisions so far are saved\n".utf8))
      exit(130)
    }
    source.resume()
    interrupt = source
  }

  private mutating func enterRaw() {
    guard saved == nil else { return }
    var settings = termios()
    guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return }
    saved = settings
    settings.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
    settings.c_cc.6 = 1  // VMIN: one byte at a time
    settings.c_cc.5 = 0  // VTIME: no timeout
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &settings)
  }
}

/// The editor exited with a failure status.
struct EditorFailure: Error, CustomStringConvertible {
  var status: Int32
  var description: String { "the editor exited with status \(status)" }
}
