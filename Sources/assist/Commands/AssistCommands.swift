import ArgumentParser

/// Every subcommand, in the order `assist --help` lists them.
///
/// One list, so that adding a command is one line here and one file in `Commands/`.
enum AssistCommands {
  static let all: [any ParsableCommand.Type] = [
    ModelsCommand.self,
    LocalCommand.self,
    DoctorCommand.self,
    ApplyCommand.self,
    UndoCommand.self,
    CostCommand.self,
    LedgerStressCommand.self,
    BenchRoutingCommand.self,
  ]
}
