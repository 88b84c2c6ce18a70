import AssistKit
import Foundation
import Testing

@Suite struct GGUFHeaderTests {
  /// Writes a minimal GGUF v3 file: three keys (one array, to be skipped) and two tensors.
  private func syntheticGGUF(fileType: UInt32) throws -> String {
    var bytes: [UInt8] = Array("GGUF".utf8)
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    func str(_ s: String) {
      u64(UInt64(s.utf8.count))
      bytes += Array(s.utf8)
    }
    u32(3)
    u64(2)
    u64(5)
    str("general.architecture")
    u32(8)
    str("qwen2")
    str("general.name")
    u32(8)
    str("Tiny Test")
    str("tokenizer.ggml.tokens")
    u32(9)
    u32(8)
    u64(2)
    str("a")
    str("b")
    str("general.file_type")
    u32(4)
    u32(fileType)
    str("qwen2.context_length")
    u32(4)
    u32(32768)
    str("w1")
    u32(2)
    u64(4)
    u64(8)
    u32(12)
    u64(0)
    str("w2")
    u32(1)
    u64(16)
    u32(0)
    u64(128)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID()).gguf").path
    try Data(bytes + [UInt8](repeating: 0, count: 64)).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func headerFieldsComeFromTheFileNotItsName() throws {
    let path = try syntheticGGUF(fileType: 15)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let header = try GGUFHeader.read(path: path)
    #expect(header.version == 3)
    #expect(header.architecture == "qwen2")
    #expect(header.name == "Tiny Test")
    #expect(header.quantization == "Q4_K_M")
    #expect(header.nominalBits == 4)
    #expect(header.trainedContextLength == 32768)
    #expect(header.parameterCount == 48)
  }

  @Test func aTruncatedOrForeignFileIsRefused() throws {
    let path = try syntheticGGUF(fileType: 7)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let whole = try Data(contentsOf: URL(fileURLWithPath: path))
    try whole.prefix(60).write(to: URL(fileURLWithPath: path))
    #expect(throws: LocalRuntimeError.badModelFile(path: path, reason: "truncated header")) {
      try GGUFHeader.read(path: path)
    }
    try Data("PK\u{3}\u{4} not a model".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: LocalRuntimeError.badModelFile(path: path, reason: "not a GGUF file")) {
      try GGUFHeader.read(path: path)
    }
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: BundledModel.small)))
  func theBundledSmallModelIsA4BitQwen2() throws {
    let header = try GGUFHeader.read(path: BundledModel.small)
    #expect(header.architecture == "qwen2")
    #expect(header.quantization == "Q4_K_M")
    #expect(header.fileSize == 491_400_064)
    // ~494M weights; Q4_K_M with its f16/q6 tensors averages more than 4 bits.
    #expect((400_000_000...700_000_000).contains(header.parameterCount))
    #expect((4.5...8.5).contains(header.effectiveBitsPerWeight ?? 0))
  }
}

/// Where scripts/setup puts the bundled models.
enum BundledModel {
  static var directory: String {
    let env = ProcessInfo.processInfo.environment
    let cache =
      env["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? (env["HOME"] ?? "/root")
      + "/.cache"
    return cache + "/assist/models"
  }
  static var small: String { directory + "/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf" }
}
