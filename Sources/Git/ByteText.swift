/// A lossless text view of bytes: each byte is the one Unicode scalar with its value (ISO 8859-1).
///
/// Patch text is bytes in whatever encoding the files use (Latin-1, CRLF, binary data). Decoding
/// it as UTF-8 replaces invalid bytes with U+FFFD, so a Latin-1 `ø` (F8) would land as EF BF BD.
/// Seen through this view, every ASCII test (`hasPrefix("diff --git ")`, `"+"`, `"\n"`) works as
/// on the bytes, and ``bytes(_:)`` gives back exactly the bytes that went in.
enum ByteText {
  /// `bytes` as a string of scalars U+0000…U+00FF, one per byte.
  static func text(_ bytes: [UInt8]) -> String {
    // ASCII reads the same either way, and UTF-8 decoding of it is the fast path.
    if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
    var scalars = String.UnicodeScalarView()
    scalars.append(contentsOf: bytes.lazy.map { Unicode.Scalar($0) })
    return String(scalars)
  }

  /// The bytes of a string made by ``text(_:)`` (or of ASCII added to one).
  ///
  /// Scalars above U+00FF never come from ``text(_:)``; they are written as their UTF-8 bytes so
  /// that nothing is dropped.
  static func bytes(_ text: String) -> [UInt8] {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return Array(text.utf8) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      if scalar.value < 0x100 {
        bytes.append(UInt8(scalar.value))
      } else {
        bytes.append(contentsOf: String(scalar).utf8)
      }
    }
    return bytes
  }

  /// A path from a byte-text patch line, as the UTF-8 string the rest of assist and libgit2 use.
  static func path(_ text: some StringProtocol) -> String {
    String(decoding: bytes(String(text)), as: UTF8.self)
  }
}
