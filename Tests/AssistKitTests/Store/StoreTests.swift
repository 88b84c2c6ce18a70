import AssistKit
import Foundation
import GRDB
import Testing

@Suite struct StoreTests {
  private func temporaryPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
      .appendingPathComponent("assist.sqlite").path
  }

  @Test func aNewStoreIsCreatedWithEveryMigrationInWALMode() throws {
    let path = temporaryPath()
    let store = try Store(path: path)
    #expect(try store.appliedMigrations().contains("v1-runs"))
    let mode = try store.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
    #expect(mode == "wal")
    // Reopening is a no-op migration and keeps data.
    try store.pool.write {
      try $0.execute(
        sql: """
          INSERT INTO run (id, created_at, repository, command, status)
          VALUES ('r1', 0, '/r', 'task', 'done')
          """)
    }
    let again = try Store(path: path)
    #expect(try again.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM run") } == 1)
  }

  @Test func aFileThatIsNotADatabaseIsRefusedWithAClearError() throws {
    let path = temporaryPath()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
    let error = #expect(throws: StoreError.self) { try Store(path: path) }
    #expect(error?.description.contains("cannot be used") == true)
    #expect(error?.description.contains(path) == true)
    // Nothing was overwritten.
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(repeating: 0x41, count: 8192))
  }

  @Test func aStoreFromANewerAssistIsRefused() throws {
    let path = temporaryPath()
    _ = try Store(path: path)
    let queue = try DatabaseQueue(path: path)
    try queue.write {
      try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
    }
    let error = #expect(throws: StoreError.self) { try Store(path: path) }
    #expect(error == .newerVersion(path: path))
  }

  @Test func anUncreatableDirectoryIsReported() throws {
    let error = #expect(throws: StoreError.self) { try Store(path: "/proc/assist-cannot/x.sqlite") }
    #expect(error?.description.contains("cannot create") == true)
  }
}
