import ArgumentParser

/// The `assist` command line: a coding assistant that routes work between local and cloud models.
@main
struct Assist: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assist",
    abstract: "A coding assistant that makes AI coding cheap without making it worse.",
    discussion: """
      Inside a git repository, assist splits a task into design, migration and analysis \
      sub-agents, routes each to the cheapest model that can do it, checks every edit before it \
      touches your tree, and lands the result through libgit2 after you review it.

      Start with `assist local start` (the bundled local models) and `assist models --probe`, \
      then `assist task "..."` in a repository, `assist review`, `assist apply`.
      """,
    version: "0.1.0",
    subcommands: AssistCommands.all
  )
}
