internal import Foundation

/// What a GGUF model file says about itself, read from its header (never guessed from its name).
package struct GGUFHeader: Sendable, Equatable {
  /// The format version (3 for current files).
  package var version: UInt32
  /// `general.architecture`, e.g. `qwen2`.
  package var architecture: String?
  /// `general.name`.
  package var name: String?
  /// `general.file_type` (llama.cpp's `llama_ftype`).
  package var fileType: UInt32?
  /// `<architecture>.context_length`: the context the model was trained for.
  package var trainedContextLength: Int?
  /// The number of weights, summed over tensors.
  package var parameterCount: Int
  /// The file's size in bytes.
  package var fileSize: Int

  /// The quantization's name, e.g. `Q4_K_M`, from `general.file_type`.
  package var quantization: String? { fileType.flatMap { Self.fileTypeNames[$0] } }

  /// Nominal bits per weight of the quantization (4 for Q4_K_M).
  package var nominalBits: Double? { fileType.flatMap { Self.fileTypeBits[$0] } }

  /// Measured bits per weight: the file's size over its weight count (includes scales and
  /// higher-precision tensors, so Q4_K_M files land near 5–6).
  package var effectiveBitsPerWeight: Double? {
    parameterCount > 0 ? Double(fileSize) * 8 / Double(parameterCount) : nil
  }

  // llama.cpp's llama_ftype values (llama.h) for the types users meet.
  private static let fileTypeNames: [UInt32: String] = [
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K",
    11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S",
    17: "Q5_K_M", 18: "Q6_K", 32: "BF16",
  ]
  private static let fileTypeBits: [UInt32: Double] = [
    0: 32, 1: 16, 2: 4, 3: 4, 7: 8, 8: 5, 9: 5, 10: 2, 11: 3, 12: 3, 13: 3, 14: 4, 15: 4, 16: 5,
    17: 5, 18: 6, 32: 16,
  ]

  /// Reads the header of the GGUF file at `path`.
  /// - Throws: ``LocalRuntimeError/badModelFile`` when the file is missing, truncated or not GGUF.
  package static func read(path: String) throws -> GGUFHeader {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw LocalRuntimeError.badModelFile(path: path, reason: "cannot be opened")
    }
    defer { try? handle.close() }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    var cursor = GGUFCursor(handle: handle, path: path)
    return try cursor.readHeader(fileSize: size)
  }
}

/// A forward-only reader over a file, pulling 1 MiB at a time.
private struct GGUFCursor {
  let handle: FileHandle
  let path: String
  var buffer: [UInt8] = []
  var position = 0

  init(handle: FileHandle, path: String) {
    self.handle = handle
    self.path = path
  }

  mutating func bytes(_ count: Int) throws -> ArraySlice<UInt8> {
    guard count >= 0, count < 1 << 30 else { throw bad("impossible length \(count)") }
    while buffer.count - position < count {
      guard let data = try? handle.read(upToCount: max(1 << 20, count)), !data.isEmpty else {
        throw bad("truncated header")
      }
      buffer.removeFirst(position)
      position = 0
      buffer += data
    }
    defer { position += count }
    return buffer[position..<position + count]
  }

  mutating func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
    let slice = try bytes(MemoryLayout<T>.size)
    return slice.reversed().reduce(T(0)) { $0 << 8 | T($1) }  // little-endian
  }

  mutating func string() throws -> String {
    let count = try integer(UInt64.self)
    return String(decoding: try bytes(Int(count)), as: UTF8.self)
  }

  func bad(_ reason: String) -> LocalRuntimeError {
    .badModelFile(path: path, reason: reason)
  }

  /// Reads a value of GGUF type `type`, returning integers and strings and skipping the rest.
  mutating func value(type: UInt32) throws -> GGUFValue {
    switch type {
    case 0, 1, 7: return .int(Int(try integer(UInt8.self)))
    case 2, 3: return .int(Int(try integer(UInt16.self)))
    case 4: return .int(Int(try integer(UInt32.self)))
    case 5: return .int(Int(Int32(bitPattern: try integer(UInt32.self))))
    case 6:
      _ = try bytes(4)
      return .other
    case 8: return .string(try string())
    case 9:
      let itemType = try integer(UInt32.self)
      let count = try integer(UInt64.self)
      for _ in 0..<count { _ = try value(type: itemType) }
      return .other
    case 10, 11: return .int(Int(truncatingIfNeeded: try integer(UInt64.self)))
    case 12:
      _ = try bytes(8)
      return .other
    default: throw bad("unknown value type \(type)")
    }
  }

  mutating func readHeader(fileSize: Int) throws -> GGUFHeader {
    guard Array(try bytes(4)) == Array("GGUF".utf8) else { throw bad("not a GGUF file") }
    let version = try integer(UInt32.self)
    guard version >= 2 else { throw bad("GGUF version \(version) is too old") }
    let tensorCount = try integer(UInt64.self)
    let keyCount = try integer(UInt64.self)
    var values: [String: GGUFValue] = [:]
    for _ in 0..<keyCount {
      let key = try string()
      values[key] = try value(type: try integer(UInt32.self))
    }
    var parameters = 0
    for _ in 0..<tensorCount {
      _ = try string()
      let dimensions = try integer(UInt32.self)
      var elements = 1
      for _ in 0..<dimensions { elements &*= Int(truncatingIfNeeded: try integer(UInt64.self)) }
      _ = try integer(UInt32.self)  // tensor type
      _ = try integer(UInt64.self)  // offset
      parameters &+= elements
    }
    let architecture = values["general.architecture"]?.string
    return GGUFHeader(
      version: version, architecture: architecture, name: values["general.name"]?.string,
      fileType: values["general.file_type"]?.int.map { UInt32(truncatingIfNeeded: $0) },
      trainedContextLength: architecture.flatMap { values["\($0).context_length"]?.int },
      parameterCount: parameters, fileSize: fileSize)
  }
}

private enum GGUFValue {
  case int(Int)
  case string(String)
  case other

  var int: Int? { if case .int(let v) = self { v } else { nil } }
  var string: String? { if case .string(let v) = self { v } else { nil } }
}
