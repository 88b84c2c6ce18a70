/// Keeps the first and the last bytes of a stream whose total size is unknown.
///
/// Test logs put the interesting parts at both ends: what ran first, and the failures and summary
/// last. The middle is dropped and counted.
struct OutputCap: Sendable {
  /// Bytes kept from the start.
  let headLimit: Int
  /// Bytes kept from the end.
  let tailLimit: Int
  private(set) var head: [UInt8] = []
  private var tail: [UInt8] = []
  /// Every byte seen.
  private(set) var total = 0

  /// Creates a cap keeping `limit` bytes in all: a quarter from the head, the rest from the tail.
  init(limit: Int) {
    headLimit = max(limit / 4, 0)
    tailLimit = max(limit - limit / 4, 0)
  }

  /// Adds `bytes` to the stream.
  mutating func append(_ bytes: some Collection<UInt8>) {
    total += bytes.count
    var rest = bytes[...]
    if head.count < headLimit {
      let room = headLimit - head.count
      head.append(contentsOf: rest.prefix(room))
      rest = rest.dropFirst(room)
    }
    guard !rest.isEmpty, tailLimit > 0 else { return }
    tail.append(contentsOf: rest)
    if tail.count > 2 * tailLimit { tail.removeFirst(tail.count - tailLimit) }
  }

  /// Bytes dropped from the middle.
  var omitted: Int { max(total - head.count - min(tail.count, tailLimit), 0) }

  /// The kept text, with a marker where bytes were dropped (invalid UTF-8 is replaced).
  var text: String {
    let kept = tail.suffix(tailLimit)
    guard omitted > 0 else { return String(decoding: head + kept, as: UTF8.self) }
    return String(decoding: head, as: UTF8.self)
      + "\n[… \(omitted) bytes of output omitted …]\n"
      + String(decoding: kept, as: UTF8.self)
  }
}
