import ContractModel
import ContractStorePostgres
import Foundation
import LegalRetention
import LegalRetentionPostgres
import LegalRetentionSQLite
import Testing

/// The index backends every archive test body runs against. PostgreSQL joins when
/// `ECONTRACT_TEST_POSTGRES_URL` names a server (`.ci/postgres-up` starts one); each run gets a
/// schema of its own.
enum ArchiveBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var allCases: [ArchiveBackend] {
        if PostgresArchiveTestServer.configuration != nil { return [.sqlite, .postgres] }
        print("SKIPPED the PostgreSQL archive cases: ECONTRACT_TEST_POSTGRES_URL is not set (eval \"$(bash .ci/postgres-up)\")")
        return [.sqlite]
    }

    var testDescription: String { rawValue }

    /// A fresh archive on this backend, with a manual clock at `now`.
    func make(now: Date = ArchiveFixtures.fixedNow) async throws -> ArchiveHarness {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(rawValue)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let keys = try SoftwareKeyFileProvider(directory: directory.appendingPathComponent("keys"))
        let clock = ManualContractClock(now)
        let index: any ArchiveIndex, blobs: any BlobStore
        switch self {
        case .sqlite:
            index = try SQLiteArchiveIndex(path: directory.appendingPathComponent("index.sqlite").path)
            blobs = try FileBlobStore(directory: directory.appendingPathComponent("blobs"))
        case .postgres:
            let configuration = try #require(PostgresArchiveTestServer.configuration)
            let opened = try await PostgresArchiveIndex.open(try configuration.with(schema: PostgresArchiveTestServer.freshSchema()))
            index = opened
            blobs = PostgresBlobStore(client: opened.client)
        }
        let service = ArchiveService(index: index, blobs: blobs, keys: keys, clock: clock, actor: "tester")
        return ArchiveHarness(service: service, clock: clock, keys: keys, directory: directory)
    }
}

struct ArchiveHarness {
    var service: ArchiveService
    let clock: ManualContractClock
    let keys: SoftwareKeyFileProvider
    let directory: URL
}

enum PostgresArchiveTestServer {
    static let configuration: PostgresConnectionConfiguration? = {
        guard let text = ProcessInfo.processInfo.environment["ECONTRACT_TEST_POSTGRES_URL"], !text.isEmpty,
              let parsed = try? PostgresConnectionConfiguration(url: text) else { return nil }
        return try? PostgresConnectionConfiguration(host: parsed.host, port: parsed.port, username: parsed.username, password: parsed.password,
                                                    database: parsed.database, schema: parsed.schema, tls: parsed.tls, timeout: .seconds(180))
    }()

    static func freshSchema() -> String { "a_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") }
}

enum ArchiveFixtures {
    /// 2026-04-01T00:00:00Z: fixed, so no result depends on today's date.
    static let fixedNow = Date(timeIntervalSince1970: 1_775_001_600)

    static func metadata(_ date: String, _ amount: Int64, _ counterparty: String, type: DocumentType = .contract, title: String = "業務委託契約",
                         loss: Bool = false, custom: [String: String] = [:]) throws -> RecordMetadata {
        RecordMetadata(transactionDate: try CivilDate(date), amount: Money(minorUnits: amount, currency: .jpy), counterparty: try Counterparty(counterparty),
                       documentType: type, title: title, hasLossCarryforward: loss, customFields: custom)
    }

    /// A tiny PDF-looking document (the archive stores any bytes).
    static func document(_ text: String) -> [UInt8] { Array("%PDF-1.7\n% \(text)\n%%EOF\n".utf8) }
}
