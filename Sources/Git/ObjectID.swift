/// A git object id (SHA-1), held as 40 lowercase hex digits.
package struct ObjectID: Hashable, Sendable, CustomStringConvertible, Codable {
  /// The 40 lowercase hex digits.
  package let hex: String

  /// Creates an id from 40 hex digits, or returns `nil` if `hex` is not one.
  ///
  /// - Parameter hex: The full hex form (abbreviations are resolved by ``Repository/resolve(_:)``).
  package init?(hex: String) {
    let lower = hex.lowercased()
    guard lower.utf8.count == 40,
      lower.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
    else { return nil }
    self.hex = lower
  }

  /// Creates an id from digits already known to be valid.
  init(validatedHex: String) { self.hex = validatedHex }

  /// The first seven digits, as `git log --oneline` shows them.
  package var short: String { String(hex.prefix(7)) }

  package var description: String { hex }
}
