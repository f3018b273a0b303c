import CMSCore
import ContractModel
import ContractStoreSQLite
import Foundation
import PDFSign
import TimestampClient
import X509

/// The CLI's embedded defaults under one folder (`--store`): the SQLite contract store and its
/// documents, the file notifier's outbox, the sandbox PKI with its witness key, a local TSA, and
/// the completion steps (B-LTA). `sandbox-root.pem` is copied next to them for outside validators.
///
/// ```
/// STORE/contracts.sqlite        contracts and audit events (GRDB, WAL)
/// STORE/documents/              PDFs by SHA-256
/// STORE/outbox/messages.jsonl   notifications (invitations, OTPs), one JSON object a line
/// STORE/sandbox/                the sandbox PKI (root, issuing CA, TSA, OCSP/CRL, witness key)
/// STORE/sandbox-root.pem        its root, for validators
/// STORE/totp/ID/PARTICIPANT.secret  TOTP secrets of participants with auth=totp (hex, owner-only)
/// STORE/completed/ID/           what completion wrote (contract-signed.pdf at B-LTA, …)
/// ```
public struct ContractEnvironment: Sendable {
    /// The organisation every contract is created in.
    public static let organisation = "local"
    /// The member acting as the contracts' owner.
    public static let user = UserID("econtract-cli")
    /// The CLI acts as the contract's owner, from this machine.
    public static let caller = AuthenticationContext(userID: user, mfaSatisfied: true, request: RequestInfo(ipAddress: "127.0.0.1", userAgent: "econtract-cli"))
    /// The participant side's client in the CLI (witness signing).
    public static let participantRequest = RequestInfo(ipAddress: "127.0.0.1", userAgent: "econtract-cli")

    /// The folder holding everything.
    public let directory: URL
    /// The sandbox PKI (root, issuing CA, TSA, OCSP/CRL, witness key).
    public let sandbox: SandboxPKI
    /// The local TSA.
    public let tsa: LocalTimestampAuthority
    /// The workflow over the SQLite store.
    public let workflow: ContractWorkflow
    /// The SQLite contract store.
    public let database: SQLiteContractStore
    /// TOTP enrolments.
    public let totpSecrets: CLITOTPSecrets

    /// The default file notifier's folder.
    public var outbox: URL { directory.appendingPathComponent("outbox") }
    /// `sandbox-root.pem`.
    public var rootFile: URL { directory.appendingPathComponent(SandboxPKI.rootFileName) }
    /// Where completion writes the files of contract `id`.
    public func completedDirectory(_ id: ContractID) -> URL { directory.appendingPathComponent("completed").appendingPathComponent(id.rawValue) }

    /// Opens (or creates) the store under `path`. `extraSteps` run after the B-LTA and certificate steps at completion.
    /// `notifier` replaces the file notifier under `outbox/`, `accessPolicy` the policy naming ``user`` the owner of ``organisation``.
    public init(path: String, platformName: String = "EContractKit Sandbox", certificateFont: PDFFont? = nil,
         extraSteps: [any ContractCompletionHandler] = [], notifier: (any Notifier)? = nil, accessPolicy: (any AccessPolicy)? = nil,
         configuration: ContractWorkflow.Configuration = .init(),
         customizeOptions: @escaping @Sendable (inout PDFSignatureOptions, ContractSigningRequest) -> Void = { _, _ in }) throws {
        directory = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        sandbox = try SandboxPKI.openOrCreate(at: directory.appendingPathComponent("sandbox"))
        try writeDefaultsFile(directory.appendingPathComponent(SandboxPKI.rootFileName).path, Array(try sandbox.root.serializeAsPEM().pemString.utf8))
        tsa = try LocalTimestampAuthority(key: sandbox.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 1, 1])
        totpSecrets = CLITOTPSecrets(directory: directory.appendingPathComponent("totp"))
        database = try SQLiteContractStore(path: directory.appendingPathComponent("contracts.sqlite").path)
        let documents = try SQLiteDocumentStore(directory: directory.appendingPathComponent("documents"), database: database)
        let notifier = try notifier ?? FileNotifier(directory: directory.appendingPathComponent("outbox"))
        let witness = try sandbox.signer(named: "platform-witness", subject: try DistinguishedName {
            CountryName("JP")
            OrganizationName("EContractKit Sandbox Platform")
            CommonName("立会人署名用証明書")
        })
        let engine = PDFSignerContractEngine(witnessKey: witness, platformName: platformName, timestampAuthority: tsa, level: .t,
                                             customizeOptions: customizeOptions)
        let anchoring = TimestampAuditAnchoring(authority: tsa, verifier: TimestampVerifier(policy: TimestampVerificationPolicy(trustAnchors: [sandbox.root])))
        let lta = LTACompletionStep(directory: directory.appendingPathComponent("completed"), revocation: try sandbox.revocationDataSource(),
                                    tsa: tsa, root: sandbox.root)
        let certificate = CertificateCompletionStep(directory: directory.appendingPathComponent("completed"), platformName: platformName, font: certificateFont,
                                                    key: witness, revocation: try sandbox.revocationDataSource(), tsa: tsa, root: sandbox.root)
        workflow = ContractWorkflow(dependencies: .init(
            store: database, documents: documents, notifier: notifier, signingEngine: engine,
            accessPolicy: accessPolicy ?? OrganisationAccessPolicy(members: [Self.organisation: [Self.user: .owner]]),
            anchoring: anchoring, totpSecrets: totpSecrets, completionHandler: ContractCompletionSteps([lta, certificate] + extraSteps)),
            configuration: configuration)
    }

    /// The contract `id` (a typed `notFound` error when there is none).
    public func contract(_ id: String) async throws -> Contract {
        try await workflow.contract(ContractID(id), by: Self.caller)
    }

    /// The participant of `contract` whose id or e-mail address is `text`.
    public static func participant(_ text: String, in contract: Contract) throws -> Participant {
        guard let participant = contract.participants.first(where: { $0.id.rawValue == text || $0.email.caseInsensitiveCompare(text) == .orderedSame }) else {
            throw ContractError(.notFound, "contract \(contract.id) has no participant with id or e-mail \(text)")
        }
        return participant
    }

    /// The newest invitation link the file notifier delivered to `participant`.
    public func invitationLink(for participant: ParticipantID, of contract: ContractID) throws -> InvitationLink {
        let messages = try FileNotifier.messages(in: outbox)
        guard let text = messages.last(where: { $0.contractID == contract && $0.participantID == participant && $0.kind == .invitation })?.link else {
            throw ContractError(.notFound, "no invitation for \(participant) in \(outbox.path) (send the contract first; is it their turn?)")
        }
        return try InvitationLink(text)
    }

    /// The newest one-time password the file notifier delivered to `participant`.
    public func lastOneTimePassword(for participant: ParticipantID, of contract: ContractID) throws -> String {
        let messages = try FileNotifier.messages(in: outbox)
        guard let code = messages.last(where: { $0.contractID == contract && $0.participantID == participant && $0.kind == .oneTimePassword })?.oneTimePassword else {
            throw ContractError(.notFound, "no one-time password for \(participant) in \(outbox.path)")
        }
        return code
    }
}

/// Writes a whole file atomically, with a typed error naming it.
func writeDefaultsFile(_ path: String, _ bytes: [UInt8]) throws {
    do {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw CMSError(.invalidArgument, "cannot write \(path): \(error.localizedDescription)")
    }
}
