import ContractDefaults
import ArgumentParser
import ContractModel
import Foundation

/// `econtract contract send ID`: invites the first order group (links go to the file notifier).
struct ContractSendCommand: AsyncParsableCommand, ContractSubcommand {
    static let configuration = CommandConfiguration(commandName: "send", abstract: "Send a draft: invite the first order group.")

    @OptionGroup var options: ContractStoreOptions

    @Argument(help: "The contract id.")
    var id: String

    func run() async throws {
        try await runReportingErrors {
            let environment = try options.open()
            let invitations = try await environment.workflow.send(ContractID(id), by: ContractEnvironment.caller)
            let contract = try await environment.contract(id)
            // The links themselves are the participants' secrets: they are in the outbox, not printed.
            let invited = invitations.compactMap { contract.participant($0.participantID) }
            try options.output(contract) {
                "sent \(contract.id): invited \(invited.map { "\($0.name) <\($0.email)>" }.joined(separator: ", ")) (links in \(environment.outbox.path)/messages.jsonl)"
            }
        }
    }
}
