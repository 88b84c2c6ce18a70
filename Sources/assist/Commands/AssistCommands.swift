import ArgumentParser

/// Every subcommand, in the order `assist --help` lists them.
///
/// One list, so that adding a command is one line here and one file in `Commands/`.
enum AssistCommands {
  static let all: [any ParsableCommand.Type] = [
    TaskCommand.self,
    PlanCommand.self,
    ResumeCommand.self,
    AgentsCommand.self,
    ReviewCommand.self,
    ApplyCommand.self,
    RejectCommand.self,
    UndoCommand.self,
    LogCommand.self,
    ShowCommand.self,
    CostCommand.self,
    StatsCommand.self,
    TraceCommand.self,
    BenchCommand.self,
    ModelsCommand.self,
    LocalCommand.self,
    DoctorCommand.self,
    LedgerStressCommand.self,
    BenchRoutingCommand.self,
    BenchReconcileCommand.self,
    CompleteCommand.self,
  ]
}
