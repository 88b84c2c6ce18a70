internal import Foundation

/// A run's spans as OpenTelemetry-style JSON lines, one span per line, for users' own tooling.
///
/// Field names follow OTLP/JSON (`traceId`, `spanId`, `parentSpanId`, `startTimeUnixNano` as a
/// decimal string, `attributes` as `{key, value: {stringValue|intValue|doubleValue}}`). The trace id
/// is the run id's hex padded to 32 digits; span ids are the span number as 16 hex digits.
package enum OTLPExport {
  /// One exported span.
  package struct Line: Sendable, Equatable, Codable {
    /// 32 hex digits.
    package var traceId: String
    /// 16 hex digits.
    package var spanId: String
    /// 16 hex digits, absent at the root.
    package var parentSpanId: String?
    /// `assist.<span name>`.
    package var name: String
    /// Nanoseconds since 1970, as a decimal string.
    package var startTimeUnixNano: String
    /// Nanoseconds since 1970, as a decimal string.
    package var endTimeUnixNano: String
    /// Details.
    package var attributes: [Attribute]
  }

  /// One `key: value` attribute.
  package struct Attribute: Sendable, Equatable, Codable {
    /// The name (`assist.tokens.in`).
    package var key: String
    /// The value, under exactly one of its three keys.
    package var value: AnyValue
  }

  /// An OTLP `AnyValue` limited to the three kinds assist writes.
  package struct AnyValue: Sendable, Equatable, Codable {
    /// Text.
    package var stringValue: String?
    /// A whole number, as a decimal string (OTLP/JSON's int64 form).
    package var intValue: String?
    /// A real number.
    package var doubleValue: Double?
  }

  /// The lines for a run that started at `startedAt` (seconds since 1970).
  package static func lines(runID: String, startedAt: Double, spans: [Span]) -> [Line] {
    let traceID = traceID(runID)
    // Whole seconds and the fraction apart, so nanoseconds survive a Double's 53 bits.
    let base = UInt64(max(0, startedAt.rounded(.down))) * 1_000_000_000
    let offset = startedAt - startedAt.rounded(.down)
    func nanos(_ seconds: Double) -> String {
      String(base + UInt64(max(0, ((offset + seconds) * 1e9).rounded())))
    }
    return spans.map { span in
      let attributes = TraceValue.details(of: span).sorted { $0.key < $1.key }.map { key, value in
        let name = "assist." + key
        switch value {
        case .string(let text): return Attribute(key: name, value: AnyValue(stringValue: text))
        case .int(let number):
          return Attribute(key: name, value: AnyValue(intValue: String(number)))
        case .double(let number): return Attribute(key: name, value: AnyValue(doubleValue: number))
        }
      }
      return Line(
        traceId: traceID, spanId: spanID(span.id), parentSpanId: span.parent.map(spanID),
        name: "assist." + span.name.rawValue, startTimeUnixNano: nanos(span.start),
        endTimeUnixNano: nanos(span.end), attributes: attributes)
    }
  }

  /// The lines as text: one compact JSON object per line.
  package static func text(_ lines: [Line]) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try lines.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }
      .joined()
  }

  /// The run id's hex digits, left-padded with zeros to 32 (non-hex characters hashed in).
  static func traceID(_ runID: String) -> String {
    let hex = runID.lowercased().filter(\.isHexDigit)
    if hex.count == runID.count, !hex.isEmpty {
      return String(repeating: "0", count: max(0, 32 - hex.count)) + hex.suffix(32)
    }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
    for byte in runID.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return String(repeating: "0", count: 16) + hex16(hash)
  }

  static func spanID(_ id: Int) -> String { hex16(UInt64(max(0, id))) }

  private static func hex16(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
