import CMSCore
import ContractModel
import ContractStorePostgres
import ContractStoreSQLite
import Foundation
import Logging
import PDFSign
import Testing
import TestSupport
import TimestampClient
import X509

/// Keys from the CMSCore sandbox PKI (made once per test process), a small PDF and workflows
/// over every store implementation.
enum ContractFixtures {
    static let pki: SandboxPKI = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("contractmodel-tests-\(ProcessInfo.processInfo.processIdentifier)")
        return try! SandboxPKI.openOrCreate(at: directory)
    }()

    static func key(_ name: String, commonName: String) throws -> SoftwareSigningKey {
        try pki.signer(named: name, subject: try DistinguishedName {
            CountryName("JP")
            CommonName(commonName)
        })
    }

    /// A party key whose subject names `email` (what the default party certificate policy checks).
    static func partyKey(_ name: String, commonName: String, email: String) throws -> SoftwareSigningKey {
        try pki.signer(named: name, subject: try DistinguishedName {
            CountryName("JP")
            CommonName(commonName)
            EmailAddress(email)
        })
    }

    static func witnessKey() throws -> SoftwareSigningKey { try key("witness", commonName: "EContractKit 立会人") }

    /// A fixed start time: results never depend on today's date.
    static let start = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    static let owner = AuthenticationContext(userID: UserID("alice"), mfaSatisfied: true, request: RequestInfo(ipAddress: "192.0.2.10", userAgent: "tests"))
    static let organisation = "org-1"

    /// A one-page PDF with a classic cross-reference table (offsets computed, so readers need no repair).
    static func pdf(text: String = "Contract") -> [UInt8] {
        let content = "BT /F1 12 Tf 72 720 Td (\(text)) Tj ET"
        return ClassicPDF.file(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
        ])
    }
}

/// Collects messages in memory.
actor CollectingNotifier: Notifier {
    private(set) var messages: [NotificationMessage] = []
    func deliver(_ message: NotificationMessage) async throws { messages.append(message) }

    func lastCode(for participant: ParticipantID) -> String? {
        messages.last { $0.participantID == participant && $0.kind == .oneTimePassword }?.oneTimePassword
    }
}

/// A deterministic anchoring for tests: the "token" is SHA-256 over a tag and the head.
struct TestAnchoring: AuditAnchoring {
    let time: Date
    func anchor(headHash: [UInt8]) async throws -> (token: [UInt8], time: Date) { (Array("anchor:".utf8) + headHash, time) }
    func verify(token: [UInt8], headHash: [UInt8]) async -> Bool { token == Array("anchor:".utf8) + headHash }
}

/// The store implementations every store test runs against. PostgreSQL joins when
/// `ECONTRACT_TEST_POSTGRES_URL` names a server (`.ci/postgres-up` starts one); each PostgreSQL
/// store gets a schema of its own, so tests and runs never collide.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory, sqlite, postgres

    static var allCases: [StoreKind] {
        if PostgresTestServer.configuration != nil { return [.memory, .sqlite, .postgres] }
        print("SKIPPED the PostgreSQL store cases: ECONTRACT_TEST_POSTGRES_URL is not set (eval \"$(bash .ci/postgres-up)\")")
        return [.memory, .sqlite]
    }

    var testDescription: String { rawValue }

    func make() async throws -> (contracts: any ContractStore, documents: any DocumentStore, directory: URL?) {
        switch self {
        case .memory:
            return (InMemoryContractStore(), InMemoryDocumentStore(), nil)
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("contract-sqlite-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let database = try SQLiteContractStore(path: directory.appendingPathComponent("contracts.sqlite").path)
            return (database, try SQLiteDocumentStore(directory: directory.appendingPathComponent("documents"), database: database), directory)
        case .postgres:
            let configuration = try #require(PostgresTestServer.configuration, "ECONTRACT_TEST_POSTGRES_URL is not set")
            let database = try await PostgresContractStore.open(try configuration.with(schema: PostgresTestServer.freshSchema()))
            return (database, PostgresDocumentStore(database: database), nil)
        }
    }
}

/// The test server named by `ECONTRACT_TEST_POSTGRES_URL`, if any.
enum PostgresTestServer {
    static let configuration: PostgresConnectionConfiguration? = {
        guard let text = ProcessInfo.processInfo.environment["ECONTRACT_TEST_POSTGRES_URL"], !text.isEmpty else { return nil }
        // A generous limit: the whole suite runs in parallel on 2 cores, and a starved task must not look like an outage.
        guard let parsed = try? PostgresConnectionConfiguration(url: text) else { return nil }
        return try? PostgresConnectionConfiguration(host: parsed.host, port: parsed.port, username: parsed.username, password: parsed.password,
                                                    database: parsed.database, schema: parsed.schema, tls: parsed.tls, timeout: .seconds(180))
    }()

    /// A schema name no other test or run uses.
    /// Registered with the running test's ``PostgresSchemaCleanup``, which drops it afterwards.
    static func freshSchema() -> String {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        PostgresSchemaCleanup.Registry.current?.add(name)
        return name
    }
}

/// A workflow with a manual clock, a collecting notifier and the sandbox witness key.
struct Harness {
    let workflow: ContractWorkflow
    let clock: ManualContractClock
    let notifier: CollectingNotifier
    let store: any ContractStore
    let documents: any DocumentStore
    let directory: URL?

    /// `witnessKey` defaults to the sandbox witness; `timestampAuthority` (none by default: B-B)
    /// makes the participant signatures B-T.
    init(_ kind: StoreKind = .memory, policy: OrganisationAccessPolicy? = nil, configuration: ContractWorkflow.Configuration = .init(),
         totp: (any TOTPSecretSource)? = nil, identityProvider: (any IdentityProvider)? = nil,
         witnessKey: (any SigningKeyProvider)? = nil, timestampAuthority: (any TimestampAuthority)? = nil) async throws {
        let made = try await kind.make()
        try self.init(store: made.contracts, documents: made.documents, directory: made.directory, policy: policy, configuration: configuration,
                      totp: totp, identityProvider: identityProvider, witnessKey: witnessKey, timestampAuthority: timestampAuthority)
    }

    init(store: any ContractStore, documents: any DocumentStore, directory: URL? = nil, policy: OrganisationAccessPolicy? = nil,
         configuration: ContractWorkflow.Configuration = .init(), totp: (any TOTPSecretSource)? = nil,
         identityProvider: (any IdentityProvider)? = nil, witnessKey: (any SigningKeyProvider)? = nil,
         timestampAuthority: (any TimestampAuthority)? = nil, logger: Logger = Logger(label: "econtract.contract")) throws {
        clock = ManualContractClock(ContractFixtures.start)
        notifier = CollectingNotifier()
        self.store = store
        self.documents = documents
        self.directory = directory
        let access = policy ?? OrganisationAccessPolicy(members: [ContractFixtures.organisation: [UserID("alice"): .owner, UserID("victor"): .viewer]])
        let engine = PDFSignerContractEngine(witnessKey: try witnessKey ?? ContractFixtures.witnessKey(), platformName: "EContractKit Sandbox",
                                             timestampAuthority: timestampAuthority)
        workflow = ContractWorkflow(dependencies: .init(
            store: store, documents: documents, notifier: notifier, signingEngine: engine, accessPolicy: access, clock: clock,
            anchoring: TestAnchoring(time: ContractFixtures.start), identityProvider: identityProvider, totpSecrets: totp, logger: logger),
            configuration: configuration)
    }

    static func witness(_ id: String, group: Int = 1, policy: AuthenticationPolicy = .emailOTP) -> Participant {
        Participant(id: ParticipantID(id), name: "立会 \(id)", email: "\(id)@example.jp", phone: "+819012345678",
                    role: .signer, orderGroup: group, signingMethod: .witness(policy))
    }

    func createAndSend(_ participants: [Participant], accessCodes: [ParticipantID: String] = [:], deadline: Date? = nil) async throws -> (Contract, [ParticipantID: InvitationLink]) {
        let draft = ContractDraft(title: "業務委託契約書", organisationID: ContractFixtures.organisation, deadline: deadline,
                                  metadata: ArchiveMetadata(amount: try MonetaryAmount(1_100_000, currency: "JPY"), counterparty: "株式会社サンプル"),
                                  participants: participants)
        let contract = try await workflow.create(draft, pdf: ContractFixtures.pdf(), accessCodes: accessCodes, by: ContractFixtures.owner)
        let links = try await workflow.send(contract.id, by: ContractFixtures.owner)
        return (contract, Dictionary(uniqueKeysWithValues: links.map { ($0.participantID, $0.link) }))
    }

    /// Opens the link, requests and enters the e-mail OTP.
    func passEmailOTP(_ link: InvitationLink, _ participant: ParticipantID, request: RequestInfo = .init()) async throws {
        _ = try await workflow.openInvitation(link, request: request)
        try await workflow.requestOTP(link, factor: .emailOTP, request: request)
        let code = try #require(await notifier.lastCode(for: participant))
        try await workflow.verifyOTP(link, factor: .emailOTP, code: code, request: request)
    }

    func instruction(_ contract: Contract, request: RequestInfo = RequestInfo(ipAddress: "198.51.100.7", userAgent: "Safari")) -> WitnessSigningInstruction {
        WitnessSigningInstruction(documentSHA256: contract.document.sha256, consentText: "上記の内容に同意し、署名を指示します。", request: request)
    }
}
