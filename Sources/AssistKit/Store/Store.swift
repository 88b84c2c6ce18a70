internal import FoundationEssentials
package import GRDB

/// The user's SQLite database: runs, proposals, decisions, spans and the budget ledger.
///
/// One file per user (`$XDG_STATE_HOME/assist/assist.sqlite`), opened in WAL mode so that several
/// `assist` processes share it; budgets hold across repositories because of that.
package final class Store: Sendable {
  /// The GRDB pool (Sendable; serialises writes, allows concurrent reads).
  package let pool: DatabasePool
  /// The file.
  package let path: String

  /// Opens (creating if needed) and migrates the store at `path`.
  /// - Throws: ``StoreError`` when the file is unreadable, not a database, or from a newer assist.
  package init(path: String) throws {
    self.path = path
    let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw StoreError.unusable(path: path, reason: "cannot create \(directory)")
    }
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)  // concurrent processes wait for the writer
    configuration.foreignKeysEnabled = true
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
      let migrator = Self.migrator
      if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
        throw StoreError.newerVersion(path: path)
      }
      try migrator.migrate(pool)
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError {
      throw StoreError.unusable(path: path, reason: error.message ?? "\(error.resultCode)")
    }
  }

  /// Every schema change, in order. Later features append migrations; never edit a shipped one.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    for migration in StoreSchema.migrations {
      migrator.registerMigration(migration.identifier, migrate: migration.apply)
    }
    return migrator
  }

  /// The identifiers of the migrations applied to this file.
  package func appliedMigrations() throws -> [String] {
    try pool.read { try Self.migrator.appliedIdentifiers($0) }.sorted()
  }
}

/// Why the store cannot be used.
package enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file cannot be opened or is not an assist database.
  case unusable(path: String, reason: String)
  /// The file was migrated by a newer assist.
  case newerVersion(path: String)
  /// A record that should exist does not.
  case notFound(String)

  package var description: String {
    switch self {
    case .unusable(let path, let reason):
      "the store at \(path) cannot be used: \(reason) (move it aside to start a new one)"
    case .newerVersion(let path):
      "the store at \(path) was written by a newer assist; upgrade assist to use it"
    case .notFound(let what): "\(what) not found"
    }
  }
}
