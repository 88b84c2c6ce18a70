/// The scheduler's slot count per tier: a sub-task starts only while the tier it starts on has a
/// free slot, so sub-tasks routed to different local servers run at the same time and those on
/// one server wait for it instead of queueing inside llama.cpp.
package struct TierSlots: Sendable {
  /// Slots per tier name.
  package var capacity: [String: Int]
  /// The tier each sub-task starts on.
  package var startTier: [String: String]
  /// Slots in use per tier name.
  package private(set) var busy: [String: Int] = [:]

  /// Creates a tracker with no slot in use.
  package init(capacity: [String: Int], startTier: [String: String]) {
    self.capacity = capacity
    self.startTier = startTier
  }

  /// Whether the tier `subtask` starts on has a free slot (a sub-task with no route always has:
  /// it pauses or fails without a call).
  package func isFree(for subtask: String) -> Bool {
    guard let tier = startTier[subtask] else { return true }
    return busy[tier, default: 0] < capacity[tier, default: 1]
  }

  /// Takes a slot for `subtask`.
  package mutating func take(for subtask: String) {
    if let tier = startTier[subtask] { busy[tier, default: 0] += 1 }
  }

  /// Gives back the slot `subtask` held.
  package mutating func release(for subtask: String) {
    if let tier = startTier[subtask], let count = busy[tier], count > 0 { busy[tier] = count - 1 }
  }
}
