/// Where on the tier ladder (cheapest first) a sub-task may start.
package enum TierFloor: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
  /// The n-th enabled tier, 0-based, clamped to the strongest.
  case index(Int)
  /// The cheapest enabled cloud tier (one that needs an API key).
  case cloud
  /// The last enabled tier.
  case strongest

  /// The first enabled tier.
  package static let cheapest = TierFloor.index(0)

  /// Parses `cheapest`, `strongest`, `cloud` or a whole number.
  /// - Returns: `nil` for anything else.
  package init?(text: String) {
    switch text.lowercased() {
    case "cheapest": self = .cheapest
    case "strongest": self = .strongest
    case "cloud": self = .cloud
    default:
      guard let n = Int(text), n >= 0 else { return nil }
      self = .index(n)
    }
  }

  /// The index of this floor in `tiers`, and whether it wanted a cloud tier none of `tiers` is.
  /// - Parameter tiers: The enabled tiers, cheapest first (not empty).
  /// - Returns: The index, clamped into `tiers`, and the "cloud absent" flag.
  func resolve(in tiers: [Tier]) -> (index: Int, cloudAbsent: Bool) {
    let last = max(tiers.count - 1, 0)
    switch self {
    case .index(let n): return (min(n, last), false)
    case .strongest: return (last, !tiers.contains { $0.isCloud })
    case .cloud:
      if let i = tiers.firstIndex(where: \.isCloud) { return (i, false) }
      return (last, true)
    }
  }

  package var description: String {
    switch self {
    case .index(0): "cheapest"
    case .index(let n): "tier #\(n)"
    case .cloud: "cloud"
    case .strongest: "strongest"
    }
  }
}
