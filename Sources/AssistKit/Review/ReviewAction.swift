/// One keystroke of `assist review`, in the style of `git add -p`.
package enum ReviewAction: Character, Sendable, CaseIterable {
  /// Accept this hunk.
  case accept = "y"
  /// Reject this hunk.
  case reject = "n"
  /// Edit this hunk in `$EDITOR`, then accept the edited version.
  case edit = "e"
  /// Leave this hunk undecided and go on.
  case skip = "s"
  /// Accept this and every later undecided hunk of the same file.
  case acceptRestOfFile = "a"
  /// Reject this and every later undecided hunk of the same file.
  case rejectRestOfFile = "d"
  /// Stop; decisions made so far are kept.
  case quit = "q"
  /// Show what each key does.
  case help = "?"

  /// The action for a key (case-insensitive), or `nil` for a key that means nothing.
  /// - Parameter key: The key pressed or the first character of the line typed.
  package init?(key: Character) {
    guard let action = Self(rawValue: Character(key.lowercased())) else { return nil }
    self = action
  }

  /// The prompt shown under every hunk.
  package static let prompt =
    "[y]accept [n]reject [e]dit [s]kip [a]ccept rest of file [d]reject rest of file [q]uit [?]help"

  /// The help text (`?`).
  package static let helpText = """
    y - accept this hunk
    n - reject this hunk
    e - edit this hunk in $EDITOR (the edited hunk is checked against the base, then accepted)
    s - skip: leave this hunk undecided for now
    a - accept this hunk and the rest of this file's undecided hunks
    d - reject this hunk and the rest of this file's undecided hunks
    q - quit; every decision made so far is saved, `assist review ID` resumes
    ? - show this help
    """
}
