internal import Foundation
internal import GRDB

extension Store {
  /// The cached definitions of the blobs in `blobs` that were indexed by `indexer`.
  /// - Parameters:
  ///   - blobs: Blob ids (40 hex digits).
  ///   - indexer: The indexer version (``DefinitionIndexer/version``).
  /// - Returns: Blob id → definitions (their `path` as first stored; callers re-point it).
  /// - Throws: The database's errors.
  package func cachedDefinitions(blobs: [String], indexer: String) throws -> [String: [Definition]]
  {
    var found: [String: [Definition]] = [:]
    let decoder = JSONDecoder()
    try pool.read { db in
      for chunk in stride(from: 0, to: blobs.count, by: 500) {
        let ids = Array(blobs[chunk..<min(chunk + 500, blobs.count)])
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let rows = try Row.fetchAll(
          db,
          sql: "SELECT blob, json FROM index_definitions WHERE indexer = ? AND blob IN (\(marks))",
          arguments: StatementArguments([indexer] + ids))
        for row in rows {
          let json: String = row["json"]
          if let list = try? decoder.decode([Definition].self, from: Data(json.utf8)) {
            found[row["blob"]] = list
          }
        }
      }
    }
    return found
  }

  /// Stores the definitions of freshly indexed blobs.
  /// - Parameters:
  ///   - definitions: Blob id → definitions.
  ///   - indexer: The indexer version.
  /// - Throws: The database's or the encoder's errors.
  package func cache(definitions: [String: [Definition]], indexer: String) throws {
    let encoder = JSONEncoder()
    let rows = try definitions.map {
      ($0.key, String(decoding: try encoder.encode($0.value), as: UTF8.self))
    }
    try pool.write { db in
      for (blob, json) in rows {
        try db.execute(
          sql: "INSERT OR REPLACE INTO index_definitions (blob, indexer, json) VALUES (?, ?, ?)",
          arguments: [blob, indexer, json])
      }
    }
  }
}
