import ContractDefaults
import ArgumentParser
import ContractModel
import Foundation

/// `econtract contract cancel ID --reason R`: withdraws the contract and revokes its links.
struct ContractCancelCommand: AsyncParsableCommand, ContractSubcommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel (withdraw) a contract; its invitation links stop working.")

    @OptionGroup var options: ContractStoreOptions

    @Argument(help: "The contract id.")
    var id: String

    @Option(name: .long, help: "Why it is cancelled (recorded in the audit trail).")
    var reason: String

    func run() async throws {
        try await runReportingErrors {
            let contract = try await options.open().workflow.cancel(ContractID(id), reason: reason, by: ContractEnvironment.caller)
            try options.output(contract) { "cancelled " + ContractText.describe(contract) }
        }
    }
}
