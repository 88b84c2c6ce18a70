extension VerificationCandidate {
  /// The candidate an edit round produced: every touched file's new content (or its deletion).
  ///
  /// Whole contents are used rather than the diff, so nothing has to apply a second time.
  /// - Parameter changes: ``EditOutcome/changes`` of an accepted round.
  package init(changes: [EditApplier.FileChange]) {
    self.init(files: changes.map { File(path: $0.path, content: $0.new) })
  }
}
