import ContractDefaults
import ContractModel
import Foundation

/// The participant's side of a witness (立会人型) signature in the CLI: open the invitation from
/// the file notifier, satisfy the policy's factors, then instruct the platform to sign.
struct WitnessSigning {
    let environment: ContractEnvironment
    let contract: Contract
    let participant: Participant
    let policy: AuthenticationPolicy
    let otp: String?
    let sendOTPOnly: Bool
    let accessCodeFile: String?
    let totpCodeFile: String?
    let identityAssertionFile: String?
    let identityProvider: String
    let consent: String

    /// The lines to print, or `nil` when only an OTP was sent.
    func run() async throws -> [String]? {
        let workflow = environment.workflow
        let request = ContractEnvironment.participantRequest
        let link = try environment.invitationLink(for: participant.id, of: contract.id)
        let view = try await workflow.openInvitation(link, request: request)
        var notes = ["opened the invitation of \(participant.name) <\(participant.email)>"]
        for factor in view.missingFactors {
            switch factor {
            case .emailOTP, .smsOTP:
                if let otp, !sendOTPOnly {
                    try await workflow.verifyOTP(link, factor: factor, code: otp, request: request)
                    notes.append("\(factor.rawValue): the given code was accepted")
                } else {
                    try await workflow.requestOTP(link, factor: factor, request: request)
                    if sendOTPOnly {
                        print("sent a one-time password (\(factor.rawValue)) to \(participant.name); sign again with --otp CODE")
                        return nil
                    }
                    let code = try environment.lastOneTimePassword(for: participant.id, of: contract.id)
                    try await workflow.verifyOTP(link, factor: factor, code: code, request: request)
                    notes.append("\(factor.rawValue): sent a code, read it from \(environment.outbox.path)/messages.jsonl, accepted")
                }
            case .accessCode:
                guard let accessCodeFile else { throw ContractError(.authenticationRequired, "\(participant.name) needs an access code: give --access-code-file") }
                let code = try SecretInput(option: "access-code", value: nil, file: accessCodeFile, environmentVariable: "ECONTRACT_ACCESS_CODE",
                                           purpose: "access code").resolve(prompting: false)?.secret ?? ""
                try await workflow.verifyAccessCode(link, code: code, request: request)
                notes.append("accessCode: accepted")
            case .totp:
                let input = SecretInput(option: "totp-code", value: nil, file: totpCodeFile, environmentVariable: "ECONTRACT_TOTP_CODE", purpose: "TOTP code")
                guard let code = try input.resolve()?.secret else {
                    throw ContractError(.authenticationRequired, "\(participant.name) needs a TOTP code: give --totp-code-file, $ECONTRACT_TOTP_CODE or type it at a terminal")
                }
                try await workflow.verifyTOTP(link, code: code.trimmingCharacters(in: .whitespaces), request: request)
                notes.append("totp: accepted")
            case .identityProvider:
                guard let identityAssertionFile else {
                    throw ContractError(.authenticationRequired, "\(participant.name) needs an identity provider's assertion: give --identity-assertion-file")
                }
                guard let payload = FileManager.default.contents(atPath: identityAssertionFile) else {
                    throw ContractError(.invalidArgument, "--identity-assertion-file: cannot read \(identityAssertionFile)")
                }
                try await workflow.verifyIdentity(link, assertion: IdentityAssertion(provider: identityProvider, payload: Array(payload)), request: request)
                notes.append("identityProvider: the assertion was accepted")
            }
        }
        let evidence = try await workflow.signAsWitness(link, instruction: WitnessSigningInstruction(
            documentSHA256: view.documentSHA256, consentText: consent, request: request))
        notes.append("signed 立会人型 on \(participant.name)'s instruction; evidence sha256 \(evidence.digestHex) (in the audit trail and a signed attribute)")
        return notes
    }
}
