import ContractDefaults
import ContractModel
import Foundation
import LegalRetention
import LegalRetentionSQLite

/// Everything the portal's routes use: the SDK's embedded contract environment (SQLite store,
/// sandbox PKI and TSA, B-LTA and certificate completion), the LegalRetention archive that
/// completed contracts are handed to, the outbox, sessions, logins, API tokens and rate limits.
public final class Portal: Sendable {
    /// The sender's member identity (owner of ``ContractEnvironment/organisation``). Logged-in
    /// browsers and API tokens act as this member.
    public static let sender = UserID("portal-sender")
    /// The consent text shown next to the checkbox and recorded in the witness evidence.
    public static let consentText = "内容に同意して署名する"

    /// The start-up settings.
    public let configuration: PortalConfiguration
    /// The contract environment.
    public let environment: ContractEnvironment
    /// The archive.
    public let archive: ArchiveService
    /// The sandbox delivery channel.
    public let notifier: OutboxNotifier
    /// Browser sessions.
    public let sessions = SessionStore()
    /// One-time sender login links.
    public let logins = SenderLogins()
    /// API bearer tokens.
    public let tokens: APITokens
    /// Uploads waiting for their first participant.
    public let uploads: PendingUploads
    /// OTP attempts per client IP in 10 minutes (``PortalConfiguration/otpAttemptsPerAddress``).
    public let otpByAddress: RateLimiter
    /// OTP attempts per invitation in 10 minutes (``PortalConfiguration/otpAttemptsPerInvitation``).
    public let otpByParticipant: RateLimiter
    /// The base URL, once known.
    public let base: BaseURL

    /// Opens (or creates) everything under the data folder.
    public init(configuration: PortalConfiguration) async throws {
        self.configuration = configuration
        otpByAddress = RateLimiter(limit: configuration.otpAttemptsPerAddress, window: 600)
        otpByParticipant = RateLimiter(limit: configuration.otpAttemptsPerInvitation, window: 600)
        let directory = configuration.dataDirectory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        base = BaseURL(configuration.baseURL ?? "http://\(configuration.host):\(configuration.port)")
        notifier = OutboxNotifier(file: configuration.outboxFile, base: base, printsToConsole: configuration.printsOutbox)
        let archiveFolder = directory.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archiveFolder, withIntermediateDirectories: true)
        archive = ArchiveService(index: try SQLiteArchiveIndex(path: archiveFolder.appendingPathComponent("index.sqlite").path),
                                 blobs: try FileBlobStore(directory: archiveFolder.appendingPathComponent("blobs")),
                                 keys: try SoftwareKeyFileProvider(directory: archiveFolder.appendingPathComponent("keys")), actor: "signing-portal")
        var workflowConfiguration = ContractWorkflow.Configuration()
        workflowConfiguration.linkLifetime = configuration.invitationLifetime
        let handOff = ArchiveHandOff(archive: archive, completedDirectory: directory.appendingPathComponent("completed"))
        environment = try ContractEnvironment(
            path: directory.path, platformName: "EContractKit SigningPortal (sandbox)", extraSteps: [handOff], notifier: notifier,
            accessPolicy: OrganisationAccessPolicy(members: [ContractEnvironment.organisation: [Self.sender: .owner]]),
            configuration: workflowConfiguration)
        tokens = APITokens(directory: directory)
        uploads = try PendingUploads(directory: directory.appendingPathComponent("uploads"))
    }

    /// The workflow.
    public var workflow: ContractWorkflow { environment.workflow }

    /// The sender acting from `request`.
    public func senderContext(_ request: RequestInfo) -> AuthenticationContext {
        AuthenticationContext(userID: Self.sender, mfaSatisfied: true, request: request)
    }

    /// Issues a sender login link: appended to the outbox and returned.
    public func issueSenderLogin() async throws -> String {
        let link = await base.value + "/login/" + (await logins.issue())
        try await notifier.deliverSenderLogin(to: "sender@localhost", link: link, at: Date())
        return link
    }

    /// The B-LTA PDF of a completed contract, if written.
    public func signedFile(_ id: ContractID) -> [UInt8]? {
        LTACompletionStep.file(in: environment.completedDirectory(id)).flatMap { FileManager.default.contents(atPath: $0) }.map(Array.init)
    }

    /// The signed completion certificate of a completed contract, if written.
    public func certificateFile(_ id: ContractID) -> [UInt8]? {
        let path = environment.completedDirectory(id).appendingPathComponent(CertificateCompletionStep.fileName).path
        return FileManager.default.contents(atPath: path).map(Array.init)
    }
}

/// The portal's public base URL, settable once the listening port is known.
public actor BaseURL {
    /// The URL without a trailing slash.
    public private(set) var value: String
    /// A base URL.
    public init(_ value: String) { self.value = value.hasSuffix("/") ? String(value.dropLast()) : value }
    /// Replaces it.
    public func set(_ value: String) { self.value = value.hasSuffix("/") ? String(value.dropLast()) : value }
}
