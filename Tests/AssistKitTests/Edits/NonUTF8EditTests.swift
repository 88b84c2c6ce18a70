import AssistKit
import AssistTesting
import Git
import Testing

/// A model edit never passes a non-UTF-8 file through `String`: such a file is refused with a
/// reason, and every byte of it stays as it is.
@Suite struct NonUTF8EditTests {
  static let latin1: [UInt8] = Array("# Tyge L".utf8) + [0xF8] + Array("vset\nx = 1\n".utf8)

  @Test func aModelEditOfALatin1FileIsRefusedAtTheGateWithTheReason() throws {
    let temp = try TemporaryRepository(files: ["ok.py": "y = 2\n"])
    try temp.write("legacy.py", bytes: Self.latin1)
    try temp.commitAll("latin-1 file")
    let base = try RepositoryEditBase(discoveringFrom: temp.path)
    let reply = "legacy.py\n```python\n# Tyge Løvset\nx = 2\n```\n"
    let outcome = try EditPipeline(identifierPolicy: .off).prepare(
      reply: reply, format: WholeFileFormat(), base: base)
    #expect(outcome.stage == .gate)
    #expect(outcome.gateFailures.map(\.kind) == [.notUTF8])
    #expect(outcome.gateFailures.first?.detail.contains("not UTF-8") == true)
    #expect(outcome.diff.isEmpty)
    #expect(temp.bytes("legacy.py") == Self.latin1)
  }

  @Test func aUTF8FileBesideItIsStillEdited() throws {
    let temp = try TemporaryRepository(files: ["ok.py": "y = 2\n"])
    try temp.write("legacy.py", bytes: Self.latin1)
    try temp.commitAll("latin-1 file")
    let base = try RepositoryEditBase(discoveringFrom: temp.path)
    let outcome = try EditPipeline(identifierPolicy: .off).prepare(
      reply: "ok.py\n```python\ny = 3\n```\n", format: WholeFileFormat(), base: base)
    #expect(outcome.stage == .accepted, "\(outcome.gateFailures)")
  }
}
