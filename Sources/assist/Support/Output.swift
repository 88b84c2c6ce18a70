import Foundation

/// Printing helpers shared by commands: JSON for scripts, aligned tables for people.
enum Output {
  /// Prints `value` as pretty JSON with sorted keys.
  static func json<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
  }

  /// Prints rows as columns padded to their widest cell; the first row is the header.
  static func table(_ rows: [[String]]) {
    guard let header = rows.first else { return }
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count {
        widths[i] = max(widths[i], cell.count)
      }
    }
    for row in rows {
      let cells = row.enumerated().map { i, cell in
        i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
      }
      print(cells.joined(separator: "  "))
    }
  }

  /// A progress line on standard error (kept off stdout so `--json` and pipes stay clean).
  static func progress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// Whether standard output is a terminal.
  static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
