// ContractWorkflow — a contract through ContractModel's API: 当事者型 then 立会人型 with an e-mail
// OTP, completion to PAdES B-LTA, and the audit trail verified. In-memory stores, offline.
//
//   swift run ContractWorkflowExample OUT.pdf      # sandbox PKI in .contractworkflow-sandbox/
//
// A real host swaps the in-memory stores for ContractStoreSQLite (or PostgreSQL), the inbox
// below for its e-mail/SMS delivery, and the sandbox keys and TSA for real ones.
import CMSCore
import ContractModel
import Foundation
import Logging
import PDFSign
import TimestampClient
import X509

/// The host's mail: here, kept in memory so the counterparty can "read" the invitation and OTP.
actor Inbox: Notifier {
    var messages: [NotificationMessage] = []
    func deliver(_ message: NotificationMessage) async throws { messages.append(message) }
    func last(_ kind: NotificationKind, for participant: ParticipantID) -> NotificationMessage? {
        messages.last { $0.kind == kind && $0.participantID == participant }
    }
}

/// Completion: extend the final PDF to B-LTA (validation data + document timestamp).
actor LTACompletion: ContractCompletionHandler {
    let ltv: PDFLongTermValidation
    var archived: [UInt8]?
    init(ltv: PDFLongTermValidation) { self.ltv = ltv }
    func contractCompleted(_ completed: CompletedContract) async throws {
        archived = try await ltv.extendingToLTA(PDFDocument(bytes: completed.document))
    }
}

@main
struct ContractWorkflowExample {
    static func main() async {
        guard CommandLine.arguments.count == 2 else {
            print("usage: ContractWorkflowExample OUT.pdf")
            exit(2)
        }
        do {
            // 1. Keys, TSA and revocation data from the sandbox PKI.
            let sandbox = try SandboxPKI.openOrCreate(at: URL(fileURLWithPath: ".contractworkflow-sandbox"))
            let tsa = try LocalTimestampAuthority(key: sandbox.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 1, 1])
            let witnessKey = try sandbox.signer(named: "witness", subject: try DistinguishedName { CommonName("Example 立会人") })
            // The certificate names the participant's e-mail address: the workflow's default party policy checks it.
            let ourKey = try sandbox.signer(named: "ours-taro", subject: try DistinguishedName {
                CommonName("山田 太郎")
                EmailAddress("taro@example.jp")
            })
            let inbox = Inbox()
            let completion = LTACompletion(ltv: PDFLongTermValidation(revocationSource: try sandbox.revocationDataSource(),
                                                                      timestampAuthority: tsa, extraCertificates: [sandbox.root]))

            // 2. The workflow: stores, notifier, signing engine, access policy, audit anchoring, completion.
            let owner = AuthenticationContext(userID: UserID("alice"), mfaSatisfied: true)
            var logger = Logger(label: "example")
            logger.logLevel = .warning
            let workflow = ContractWorkflow(dependencies: .init(
                store: InMemoryContractStore(), documents: InMemoryDocumentStore(), notifier: inbox,
                signingEngine: PDFSignerContractEngine(witnessKey: witnessKey, timestampAuthority: tsa),
                accessPolicy: OrganisationAccessPolicy(members: ["example-org": [owner.userID: .owner]]),
                anchoring: TimestampAuditAnchoring(authority: tsa), completionHandler: completion, logger: logger))

            // 3. Create and send: our side (当事者型) first, then the counterparty (立会人型, e-mail OTP).
            let ours = Participant(name: "山田 太郎", email: "taro@example.jp", orderGroup: 1, signingMethod: .partyCertificate)
            let theirs = Participant(name: "鈴木 花子", email: "hanako@example.jp", orderGroup: 2, signingMethod: .witness(.emailOTP))
            let pdf = try PDFTextDocument(paragraphs: [.init("業務委託契約書 (example)", fontSize: 18, spaceBefore: 0)],
                                          font: .predefined(.heiseiKakuGothicW5)).pdfBytes()
            let contract = try await workflow.create(ContractDraft(title: "業務委託契約書", organisationID: "example-org", participants: [ours, theirs]),
                                                     pdf: pdf, by: owner)
            _ = try await workflow.send(contract.id, by: owner)
            print("created and sent \(contract.id)")

            // 4. Our side signs with its own key.
            _ = try await workflow.signAsParty(contract.id, participant: ours.id, key: ourKey)
            print("山田 太郎 signed (当事者型)")

            // 5. The counterparty: invitation link → OTP → instruction; the platform's witness key signs.
            guard let text = await inbox.last(.invitation, for: theirs.id)?.link else { throw ContractError(.notFound, "no invitation") }
            let link = try InvitationLink(text)
            let view = try await workflow.openInvitation(link)
            try await workflow.requestOTP(link, factor: .emailOTP)
            guard let code = await inbox.last(.oneTimePassword, for: theirs.id)?.oneTimePassword else { throw ContractError(.notFound, "no OTP") }
            try await workflow.verifyOTP(link, factor: .emailOTP, code: code)
            let evidence = try await workflow.signAsWitness(link, instruction: WitnessSigningInstruction(
                documentSHA256: view.documentSHA256, consentText: "内容を確認し、締結に同意します。"))
            print("鈴木 花子 signed (立会人型), evidence sha256 \(evidence.digestHex)")

            // 6. Completed: the handler made the B-LTA copy; check it, its witness attribute and the trail.
            guard let archived = await completion.archived else { throw ContractError(.signingFailed, "completion made no B-LTA copy") }
            try Data(archived).write(to: URL(fileURLWithPath: CommandLine.arguments[1]))
            let report = await PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: [sandbox.root]))
                .validate(try PDFDocument(bytes: archived))
            let attribute = try report.signatures.compactMap { try WitnessEvidenceAttribute.find(in: $0.otherSignedAttributes) }.first
            let trail = try await workflow.verifyAuditTrail(contract.id, by: owner)
            print("\(CommandLine.arguments[1]): \(report.valid ? "VALID" : "NOT VALID"), levels \(report.signatures.compactMap { $0.level?.rawValue })")
            print("witness evidence in the signature: \(attribute?.matches(evidence) == true ? "matches" : "MISSING")")
            print("audit trail: \(trail.isIntact ? "intact" : "BROKEN at event \(trail.problem!.sequence)")")
            guard report.valid, attribute?.matches(evidence) == true, trail.isIntact else { exit(1) }
        } catch {
            print("error: \(error)")
            exit(1)
        }
    }
}
