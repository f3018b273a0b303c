import ArgumentParser

/// `econtract contract`: contracts with participants, 当事者型 and 立会人型 signing and an audit
/// trail, on embedded defaults under `--store` (see ``ContractEnvironment``).
struct ContractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract",
        abstract: "Create, send, sign, audit and export contracts (SQLite store, sandbox PKI and TSA under --store).",
        discussion: "Witness (立会人型) OTPs go to the file notifier: STORE/outbox/messages.jsonl. The sandbox root is STORE/sandbox-root.pem.",
        subcommands: [ContractCreateCommand.self, ContractSendCommand.self, ContractStatusCommand.self, ContractSignCommand.self,
                      ContractCancelCommand.self, ContractAuditCommand.self, ContractExportCommand.self]
    )
}
