/// The gate's rule against deleting or emptying test files.
///
/// Tests are the judge of a change; a reply that deletes them makes any verification pass. No
/// ``ChangeIntent/Action`` says "remove these tests", so the gate refuses every such change; if
/// one is added to the plan's typed intent, this is where it would be honoured.
enum TestFileRemoval {
  /// Why `changes` may not land: the test files they delete or empty, or `nil`.
  ///
  /// - Parameters:
  ///   - changes: The reply's file changes.
  ///   - isTest: Whether a path is a test file (``RepoContext/isTestFile(_:)``).
  static func problem(_ changes: [EditApplier.FileChange], isTest: (String) -> Bool) -> String? {
    let removed = changes.filter { change in
      guard isTest(change.path), let old = change.old, !old.allSatisfy(\.isWhitespace) else {
        return false
      }
      return change.new.map { $0.allSatisfy(\.isWhitespace) } ?? true
    }
    guard !removed.isEmpty else { return nil }
    let names = removed.map(\.path).joined(separator: ", ")
    return
      "You deleted or emptied \(names). Deleting or emptying test files is refused: no step of this plan removes tests (its typed intent has no such action), and tests are what checks your change. Keep every test and change the code instead."
  }
}
