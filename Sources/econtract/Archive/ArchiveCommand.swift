import ArgumentParser

/// `econtract archive …`: the 電子帳簿保存法 archive (LegalRetention, embedded SQLite).
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Keep electronic transaction records as 電子帳簿保存法 requires (search, corrections, retention, export).",
        subcommands: [ArchiveIngestCommand.self, ArchiveImportCommand.self, ArchiveSearchCommand.self, ArchiveShowCommand.self,
                      ArchiveCorrectCommand.self, ArchiveHistoryCommand.self, ArchiveHoldCommand.self, ArchiveDeleteCommand.self,
                      ArchiveExportCommand.self, ArchiveVerifyCommand.self, ArchiveRenewCommand.self]
    )
}
