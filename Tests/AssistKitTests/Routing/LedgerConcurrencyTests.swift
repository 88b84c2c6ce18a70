import AssistKit
import AssistTesting
import Foundation
import GRDB
import Testing

/// Eight real `assist` processes share one ledger file with a tight cap.
@Suite struct LedgerConcurrencyTests {
  /// The built `assist`: `ASSIST_BIN` (scripts/test), else `.build/debug/assist`.
  static let binary: String? = {
    let candidates = [
      ProcessInfo.processInfo.environment["ASSIST_BIN"], projectRoot + "/.build/debug/assist",
    ]
    return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  @Test(.enabled(if: binary != nil, "needs the built assist binary"))
  func eightProcessesNeverOvershootATightCapByMoreThanOneCall() throws {
    let binary = try #require(Self.binary)
    let store = try RoutingFixtures.temporaryStore()  // created and migrated before the race
    let worst = 0.0105  // 1000 prompt tokens at $3/M + 500 max_tokens at $15/M
    let cap = 0.2  // room for 19 calls; 8 processes × 10 attempts want 80
    let start = Date().timeIntervalSince1970 + 1.5
    var processes: [(Process, Pipe)] = []
    for _ in 0..<8 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: binary)
      process.arguments = [
        "ledger-stress", "--store", store.path, "--day-cap", String(cap), "--calls", "10",
        "--start-at", String(start),
      ]
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      processes.append((process, pipe))
    }
    var reserved = 0
    var refused = 0
    for (process, pipe) in processes {
      let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
      let counts = output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
      try #require(counts.count == 2, "unexpected output: \(output)")
      reserved += counts[0]
      refused += counts[1]
    }
    #expect(reserved + refused == 80)
    let (settled, spent) = try store.pool.read { db -> (Int, Double) in
      let row = try #require(
        try Row.fetchOne(
          db,
          sql: "SELECT COUNT(*), COALESCE(SUM(actual_usd), 0) FROM ledger WHERE state = 'settled'"))
      return (row[0], row[1])
    }
    #expect(settled == reserved)
    #expect(spent <= cap + worst)
    // Reservations are exact here (every call uses its worst case), so the cap is filled, not
    // crossed: exactly floor(cap / worst) calls got through.
    #expect(reserved == Int((cap / worst).rounded(.down)))
    #expect(spent <= cap + 1e-9)
  }
}
