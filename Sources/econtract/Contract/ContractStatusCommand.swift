import ArgumentParser
import ContractModel
import Foundation

/// `econtract contract status ID`.
struct ContractStatusCommand: AsyncParsableCommand, ContractSubcommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show a contract's state and its participants'.")

    @OptionGroup var options: ContractStoreOptions

    @Argument(help: "The contract id.")
    var id: String

    func run() async throws {
        try await runReportingErrors {
            let contract = try await options.open().contract(id)
            try options.output(contract) { ContractText.describe(contract) }
        }
    }
}
