import ContractDefaults
import ArgumentParser
import ContractModel
import Foundation

/// `econtract contract create`: a draft contract from a PDF and its participants.
struct ContractCreateCommand: AsyncParsableCommand, ContractSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a draft contract from a PDF; prints it with its id.")

    @OptionGroup var options: ContractStoreOptions

    @Option(name: .long, help: "The contract's title.")
    var title: String

    @Option(name: .long, help: "The PDF to sign.")
    var pdf: String

    @Option(name: .customLong("party"), help: ArgumentHelp(
        "A participant: 'name=…,email=…,method=party|witness,order=N' (repeatable).",
        discussion: "Optional keys: id, phone, organisation, role (signer|approver|viewer|cc), auth (email-otp|sms-otp|access-code|totp|idp, witness only; default email-otp; totp enrols a secret under STORE/totp/). Values cannot contain commas."))
    var parties: [String] = []

    func run() async throws {
        try await runReportingErrors {
            guard !parties.isEmpty else { throw ContractError(.invalidArgument, "give at least one --party") }
            let participants = try parties.map(PartySpecification.parse)
            let environment = try options.open()
            let draft = ContractDraft(title: title, organisationID: ContractEnvironment.organisation, participants: participants)
            let contract = try await environment.workflow.create(draft, pdf: try readFile(pdf),
                                                                 fileName: URL(fileURLWithPath: pdf).lastPathComponent, by: ContractEnvironment.caller)
            var notes: [String] = []
            for participant in contract.participants where participant.witnessPolicy?.requiredFactors.contains(.totp) == true {
                let file = try environment.totpSecrets.enroll(contract.id, participant.id)
                notes.append("TOTP enrolled for \(participant.name): the secret for their authenticator is in \(file.path) (hex, owner-only)")
            }
            try options.output(contract) { (["created " + ContractText.describe(contract)] + notes).joined(separator: "\n") }
        }
    }
}

/// Parses `--party 'name=…,email=…,method=party|witness,order=N'`.
enum PartySpecification {
    static func parse(_ text: String) throws -> Participant {
        var fields: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else { throw ContractError(.invalidArgument, "--party: '\(pair)' is not key=value") }
            guard ["name", "email", "method", "order", "id", "phone", "organisation", "role", "auth"].contains(parts[0]) else {
                throw ContractError(.invalidArgument, "--party: unknown key \(parts[0])")
            }
            fields[parts[0]] = parts[1]
        }
        guard let name = fields["name"], let email = fields["email"] else { throw ContractError(.invalidArgument, "--party needs name= and email=: \(text)") }
        let order = try fields["order"].map { value -> Int in
            guard let number = Int(value), number >= 0 else { throw ContractError(.invalidArgument, "--party: order=\(value) is not a number") }
            return number
        } ?? 1
        let role = try fields["role"].map { value -> ParticipantRole in
            guard let role = ParticipantRole(rawValue: value) else { throw ContractError(.invalidArgument, "--party: role=\(value) is not signer, approver, viewer or cc") }
            return role
        } ?? .signer
        let method: SigningMethod
        switch fields["method"] ?? "witness" {
        case "party": method = .partyCertificate
        case "witness":
            switch fields["auth"] ?? "email-otp" {
            case "email-otp": method = .witness(.emailOTP)
            case "sms-otp": method = .witness(.smsOTP)
            case "access-code": method = .witness(.accessCode)
            case "totp": method = .witness(.totp)
            case "idp": method = .witness(AuthenticationPolicy(requiredFactors: [.identityProvider]))
            case let other: throw ContractError(.invalidArgument, "--party: auth=\(other) is not email-otp, sms-otp, access-code, totp or idp")
            }
        case let other: throw ContractError(.invalidArgument, "--party: method=\(other) is not party or witness")
        }
        var participant = Participant(name: name, email: email, phone: fields["phone"], organisation: fields["organisation"],
                                      role: role, orderGroup: order, signingMethod: method)
        if let id = fields["id"] { participant.id = ParticipantID(id) }
        return participant
    }
}
