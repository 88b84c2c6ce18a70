/// A commit's identity, parents and message, copied out of libgit2.
package struct CommitInfo: Sendable, Equatable {
  /// The commit's id.
  package var id: ObjectID
  /// Its tree.
  package var tree: ObjectID
  /// Its parents, first parent first.
  package var parents: [ObjectID]
  /// The full message.
  package var message: String
  /// The trailers of the message's last paragraph (`Key: value`), in order.
  package var trailers: [Trailer]

  /// Creates a commit description.
  package init(
    id: ObjectID, tree: ObjectID, parents: [ObjectID], message: String, trailers: [Trailer]
  ) {
    self.id = id
    self.tree = tree
    self.parents = parents
    self.message = message
    self.trailers = trailers
  }

  /// The first line of the message.
  package var summary: String {
    String(message.split(separator: "\n", maxSplits: 1).first ?? "")
  }

  /// The values of every trailer named `key` (case-insensitive), in order.
  ///
  /// - Parameter key: The trailer key, such as `Assist-Run`.
  /// - Returns: The values.
  package func trailerValues(_ key: String) -> [String] {
    trailers.filter { $0.key.lowercased() == key.lowercased() }.map(\.value)
  }
}

/// One `Key: value` line at the end of a commit message.
package struct Trailer: Sendable, Equatable, Codable {
  /// The key, such as `Assist-Run`.
  package var key: String
  /// The value.
  package var value: String

  /// Creates a trailer.
  package init(_ key: String, _ value: String) {
    self.key = key
    self.value = value
  }

  /// `message`, then a blank line and one `Key: value` line per trailer.
  ///
  /// Line breaks inside values are replaced by spaces so that each trailer stays one line.
  /// - Parameters:
  ///   - message: The commit message.
  ///   - trailers: The trailers to append.
  /// - Returns: The full message, ending in a newline.
  package static func compose(message: String, trailers: [Trailer]) -> String {
    var text = message
    while text.hasSuffix("\n") { text.removeLast() }
    guard !trailers.isEmpty else { return text + "\n" }
    let lines = trailers.map { trailer in
      let value = trailer.value.split(whereSeparator: \.isNewline).joined(separator: " ")
      return "\(trailer.key): \(value)"
    }
    return text + "\n\n" + lines.joined(separator: "\n") + "\n"
  }
}
