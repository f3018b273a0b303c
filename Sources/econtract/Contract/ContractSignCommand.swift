import ContractDefaults
import ArgumentParser
import CMSCore
import ContractModel
import Foundation
import X509

/// `econtract contract sign ID --participant P`: a party signs with its key (当事者型), or a
/// witness participant authenticates (OTP from the file notifier, `--otp`, or an access code)
/// and instructs the platform's witness key to sign (立会人型).
struct ContractSignCommand: AsyncParsableCommand, ContractSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign for one participant: 当事者型 with a key, or 立会人型 after the OTP dance.",
        discussion: """
            Witness participants: without --otp the CLI sends an OTP and reads it back from the file notifier \
            (STORE/outbox/messages.jsonl), as the participant's mailbox would. With --send-otp it only sends one; \
            then pass the code with --otp. Access-code participants give --access-code-file. TOTP participants give the \
            current code with --totp-code-file, $ECONTRACT_TOTP_CODE or at the prompt. Identity-provider participants give \
            the IdP's assertion with --identity-assertion-file (the embedded store has no IdP configured: a host's workflow checks it).
            """)

    @OptionGroup var options: ContractStoreOptions

    @Argument(help: "The contract id.")
    var id: String

    @Option(name: .long, help: "The participant: id or e-mail address.")
    var participant: String

    @OptionGroup var key: ContractKeyOptions

    @Option(name: .long, help: "The one-time password the participant received (witness; default: read from the file notifier).")
    var otp: String?

    @Flag(name: .customLong("send-otp"), help: "Only send a one-time password (witness) and stop.")
    var sendOTPOnly = false

    @Option(name: .customLong("access-code-file"), help: "File whose first line is the participant's access code (witness with auth=access-code).")
    var accessCodeFile: String?

    @Option(name: .customLong("totp-code-file"), help: "File whose first line is the current TOTP code (witness with auth=totp; else $ECONTRACT_TOTP_CODE, else a prompt).")
    var totpCodeFile: String?

    @Option(name: .customLong("identity-assertion-file"), help: "File holding the identity provider's assertion (witness with auth=idp).")
    var identityAssertionFile: String?

    @Option(name: .customLong("identity-provider"), help: "The provider that issued the assertion (host-defined name).")
    var identityProvider: String = "cli"

    @Option(name: .long, help: "The consent text the witness participant agrees to.")
    var consent: String = "私は本契約の内容を確認し、立会人型電子署名による締結に同意します。"

    func run() async throws {
        try await runReportingErrors {
            let environment = try options.open()
            let contract = try await environment.contract(id)
            let signer = try ContractEnvironment.participant(participant, in: contract)
            let notes: [String]
            switch signer.signingMethod {
            case .partyCertificate:
                guard otp == nil, !sendOTPOnly, accessCodeFile == nil, totpCodeFile == nil, identityAssertionFile == nil else {
                    throw ContractError(.invalidArgument, "\(signer.name) signs 当事者型 with a key: --otp, --send-otp, --access-code-file, --totp-code-file and --identity-assertion-file are for witness participants")
                }
                // A sandbox certificate names the participant's e-mail address, which the workflow's party policy checks.
                let partyKey = try key.loadKey() ?? environment.sandbox.signer(named: "party-\(signer.id.rawValue)", subject: try DistinguishedName {
                    CountryName("JP")
                    CommonName(signer.name)
                    EmailAddress(signer.email)
                })
                _ = try await environment.workflow.signAsParty(contract.id, participant: signer.id, key: partyKey)
                notes = ["signed 当事者型 as \(partyKey.certificateChain[0].subject)" + (key.given ? "" : " (a sandbox certificate)")]
            case .witness(let policy):
                guard !key.given else { throw ContractError(.invalidArgument, "\(signer.name) signs 立会人型: the platform's witness key signs, so give no key options") }
                guard let witnessNotes = try await WitnessSigning(environment: environment, contract: contract, participant: signer, policy: policy,
                                                                  otp: otp, sendOTPOnly: sendOTPOnly, accessCodeFile: accessCodeFile, totpCodeFile: totpCodeFile,
                                                                  identityAssertionFile: identityAssertionFile, identityProvider: identityProvider,
                                                                  consent: consent).run() else {
                    return
                }
                notes = witnessNotes
            }
            let after = try await environment.contract(id)
            var lines = notes + [ContractText.describe(after)]
            if after.state == .completed {
                guard let lta = LTACompletionStep.file(in: environment.completedDirectory(after.id)) else {
                    FileHandle.standardError.write(Data("error: the contract completed but the B-LTA step wrote nothing (run with -v for the log)\n".utf8))
                    throw CLIExit.invalid
                }
                lines.append("completed: PAdES B-LTA copy at \(lta)")
            }
            try options.output(after) { lines.joined(separator: "\n") }
        }
    }
}
