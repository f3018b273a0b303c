import ContractModel
import ContractStorePostgres
import Foundation
import LegalRetention
import Logging
import PostgresNIO

/// The archive's index in PostgreSQL, shared by several app processes on several machines.
///
/// It reuses ContractStorePostgres' plumbing (`PostgresStoreClient`:
/// pool, time limits, typed errors; `PostgresMigrator` under the
/// component name `legal-retention`). The tables mirror LegalRetentionSQLite's; each method is
/// one transaction, and the access log's head is taken with `SELECT … FOR UPDATE` on a one-row
/// table, so concurrent processes append one chain.
public struct PostgresArchiveIndex: ArchiveIndex {
    /// The client (pool and schema).
    public let client: PostgresStoreClient

    /// Connects and migrates. - Throws: ContractStorePostgres' `PostgresStoreError`.
    public static func open(_ configuration: PostgresConnectionConfiguration, logger: Logger = Logger(label: "econtract.archive.postgres"))
        async throws -> PostgresArchiveIndex {
        let client = try await PostgresStoreClient.open(configuration, logger: logger)
        do {
            try await migrator.migrate(client)
            try await preservationMigrator.migrate(client)
        } catch {
            await client.close()
            throw error
        }
        return PostgresArchiveIndex(client: client)
    }

    /// An index on an open, migrated client.
    public init(client: PostgresStoreClient) { self.client = client }

    /// The schema. Migrations are never edited once shipped.
    public static let migrator = PostgresMigrator(component: "legal-retention", migrations: [
        PostgresMigration(version: 1, [
            SQL("""
                CREATE TABLE archive_records (
                    seq BIGSERIAL PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    version BIGINT NOT NULL,
                    transaction_date TEXT NOT NULL,
                    amount_minor BIGINT NOT NULL,
                    currency TEXT NOT NULL,
                    counterparty_key TEXT NOT NULL,
                    document_type TEXT NOT NULL,
                    title_key TEXT NOT NULL,
                    metadata TEXT NOT NULL,
                    document TEXT NOT NULL,
                    blob_sha256 TEXT NOT NULL,
                    ingested_at TEXT NOT NULL,
                    retention_end TEXT NOT NULL,
                    legal_hold TEXT,
                    import_key TEXT UNIQUE,
                    disposed_at TEXT
                )
                """),
            SQL("CREATE INDEX archive_records_search ON archive_records (transaction_date, amount_minor, currency, counterparty_key) WHERE disposed_at IS NULL"),
            SQL("""
                CREATE TABLE archive_custom_fields (
                    record_seq BIGINT NOT NULL REFERENCES archive_records(seq),
                    name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (record_seq, name)
                )
                """),
            SQL("CREATE INDEX archive_custom_fields_value ON archive_custom_fields (name, value, record_seq)"),
            SQL("CREATE TABLE archive_versions (record_id TEXT NOT NULL, version BIGINT NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (record_id, version))"),
            SQL("CREATE TABLE archive_disposals (seq BIGSERIAL PRIMARY KEY, record_id TEXT NOT NULL UNIQUE, entry TEXT NOT NULL)"),
            SQL("CREATE TABLE archive_access_log (sequence BIGINT PRIMARY KEY, hash TEXT NOT NULL, entry TEXT NOT NULL)"),
            SQL("CREATE TABLE archive_access_head (one INT PRIMARY KEY CHECK (one = 1), sequence BIGINT NOT NULL, hash TEXT NOT NULL)"),
            SQL("INSERT INTO archive_access_head (one, sequence, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')"),
            SQL("CREATE TABLE archive_access_anchors (sequence BIGINT PRIMARY KEY, entry TEXT NOT NULL)"),
            SQL("""
                CREATE TABLE archive_blobs (
                    sha256 TEXT PRIMARY KEY, content BYTEA NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """),
        ]),
    ])

    var logger: Logger { client.logger }

    func run<T: Sendable>(_ context: String, _ body: @Sendable () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ArchiveError { throw error } catch let error as PostgresStoreError {
            if error.code == .uniqueViolation { throw ArchiveError(.versionConflict, "\(context): \(error.reason)") }
            throw ArchiveError(error.isUnavailable ? .storeUnavailable : .storageFailure, "\(context): \(error)")
        } catch {
            throw ArchiveError(.storageFailure, "\(context): \(error)")
        }
    }

    static func millis(_ date: Date) -> String { String(Int64((date.timeIntervalSince1970 * 1000).rounded(.down))) }
    static func date(_ text: String) -> Date { Date(timeIntervalSince1970: (Double(text) ?? 0) / 1000) }

    static let columns = "id, version, metadata, document, ingested_at, retention_end, legal_hold, import_key, disposed_at"

    static func decode(_ row: PostgresRow) throws -> ArchiveRecord {
        let (id, version, metadata, document, ingested, end, hold, importKey, disposed) =
            try row.decode((String, Int, String, String, String, String, String?, String?, String?).self)
        return ArchiveRecord(id: ArchiveRecordID(id), version: version, metadata: try ArchiveJSON.decode(RecordMetadata.self, metadata),
                             document: try ArchiveJSON.decode(StoredDocument.self, document), ingestedAt: date(ingested),
                             retentionEnd: try CivilDate(archiveInput: end), legalHold: try hold.map { try ArchiveJSON.decode(LegalHold.self, $0) },
                             importKey: importKey, disposedAt: disposed.map(date))
    }

    /// Inserts the record, its custom fields and its ingest entry in one transaction.
    public func insert(_ record: ArchiveRecord, ingest: RecordCorrection) async throws {
        let metadata = try ArchiveJSON.encode(record.metadata), document = try ArchiveJSON.encode(record.document)
        let entry = try ArchiveJSON.encode(ingest), hold = try record.legalHold.map { try ArchiveJSON.encode($0) }
        let m = record.metadata, logger = logger
        try await run("cannot insert record \(record.id)") {
            try await client.transaction { connection in
                let rows = try await SQL("""
                    INSERT INTO archive_records (id, version, transaction_date, amount_minor, currency, counterparty_key, document_type, title_key,
                                                 metadata, document, blob_sha256, ingested_at, retention_end, legal_hold, import_key)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING seq
                    """, .text(record.id.rawValue), .int(record.version), .text(m.transactionDate.description), .int(Int(m.amount.minorUnits)),
                    .text(m.amount.currency.rawValue), .text(m.counterparty.searchKey), .text(m.documentType.rawValue),
                    .text(CounterpartyNormaliser.searchKey(m.title)), .text(metadata), .text(document), .text(record.document.blobSHA256),
                    .text(Self.millis(record.ingestedAt)), .text(record.retentionEnd.description), .text(hold), .text(record.importKey))
                    .rows(on: connection, logger)
                let seq = try rows[0].decode(Int.self)
                try await Self.writeCustomFields(m.customFields, seq: seq, connection, logger)
                try await SQL("INSERT INTO archive_versions (record_id, version, entry) VALUES ($1, 1, $2)", .text(record.id.rawValue), .text(entry))
                    .run(on: connection, logger)
            }
        }
    }

    static func writeCustomFields(_ fields: [String: String], seq: Int, _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await SQL("DELETE FROM archive_custom_fields WHERE record_seq = $1", .int(seq)).run(on: connection, logger)
        for (name, value) in fields {
            try await SQL("INSERT INTO archive_custom_fields (record_seq, name, value) VALUES ($1, $2, $3)", .int(seq), .text(name), .text(value))
                .run(on: connection, logger)
        }
    }

    func fetch(_ statement: SQL, _ context: String) async throws -> [ArchiveRecord] {
        let logger = logger
        return try await run(context) {
            try await client.withConnection { connection in try await statement.rows(on: connection, logger).map(Self.decode) }
        }
    }

    /// The record, also when disposed.
    public func record(_ id: ArchiveRecordID) async throws -> ArchiveRecord? {
        try await fetch(SQL(unchecked: "SELECT \(Self.columns) FROM archive_records WHERE id = $1", .text(id.rawValue)), "cannot read \(id)").first
    }

    /// The record with this import key.
    public func record(importKey: String) async throws -> ArchiveRecord? {
        try await fetch(SQL(unchecked: "SELECT \(Self.columns) FROM archive_records WHERE import_key = $1", .text(importKey)), "cannot read the import key").first
    }

    /// One page of kept records (the statement text is built from constant fragments; every value is bound).
    public func search(_ query: ResolvedArchiveQuery) async throws -> ArchiveSearchPage {
        var conditions = ["disposed_at IS NULL"], values: [SQL.Value] = []
        func add(_ condition: String, _ value: SQL.Value) {
            values.append(value)
            conditions.append(condition.replacingOccurrences(of: "?", with: "$\(values.count)"))
        }
        if let from = query.from { add("transaction_date >= ?", .text(from.description)) }
        if let to = query.to { add("transaction_date <= ?", .text(to.description)) }
        if let minimum = query.minimumMinorUnits { add("amount_minor >= ?", .int(Int(minimum))) }
        if let maximum = query.maximumMinorUnits { add("amount_minor <= ?", .int(Int(maximum))) }
        if let currency = query.currency { add("currency = ?", .text(currency.rawValue)) }
        if let key = query.counterpartyKey { add("strpos(counterparty_key, ?) > 0", .text(key)) }
        if let type = query.documentType { add("document_type = ?", .text(type.rawValue)) }
        if let title = query.titleKey { add("strpos(title_key, ?) > 0", .text(title)) }
        for (name, value) in query.customFields.sorted(by: { $0.key < $1.key }) {
            values.append(.text(name))
            values.append(.text(value))
            conditions.append("seq IN (SELECT record_seq FROM archive_custom_fields WHERE name = $\(values.count - 1) AND value = $\(values.count))")
        }
        values.append(.int(query.limit + 1))
        values.append(.int(query.offset))
        let text = "SELECT \(Self.columns) FROM archive_records WHERE \(conditions.joined(separator: " AND ")) ORDER BY transaction_date, seq "
            + "LIMIT $\(values.count - 1) OFFSET $\(values.count)"
        var records = try await fetch(SQL(unchecked: text, values: values), "cannot search")
        let more = records.count > query.limit
        if more { records.removeLast() }
        return ArchiveSearchPage(records: records, hasMore: more)
    }

    /// Applies a correction if the stored version is the one before it.
    public func correct(_ correction: RecordCorrection, retentionEnd: CivilDate) async throws {
        let metadata = try ArchiveJSON.encode(correction.after), entry = try ArchiveJSON.encode(correction)
        let m = correction.after, id = correction.recordID, logger = logger
        try await run("cannot correct record \(id)") {
            try await client.transaction { connection in
                let rows = try await SQL("SELECT seq, version, disposed_at FROM archive_records WHERE id = $1 FOR UPDATE", .text(id.rawValue))
                    .rows(on: connection, logger)
                guard let row = rows.first else { throw ArchiveError(.notFound, "no record \(id)") }
                let (seq, version, disposed) = try row.decode((Int, Int, String?).self)
                guard disposed == nil else { throw ArchiveError(.disposed, "record \(id) was disposed of") }
                guard version == correction.version - 1 else {
                    throw ArchiveError(.versionConflict, "record \(id) is at version \(version), not \(correction.version - 1)")
                }
                try await SQL("""
                    UPDATE archive_records SET version = $1, transaction_date = $2, amount_minor = $3, currency = $4, counterparty_key = $5,
                        document_type = $6, title_key = $7, metadata = $8, retention_end = $9 WHERE seq = $10
                    """, .int(correction.version), .text(m.transactionDate.description), .int(Int(m.amount.minorUnits)), .text(m.amount.currency.rawValue),
                    .text(m.counterparty.searchKey), .text(m.documentType.rawValue), .text(CounterpartyNormaliser.searchKey(m.title)), .text(metadata),
                    .text(retentionEnd.description), .int(seq)).run(on: connection, logger)
                try await Self.writeCustomFields(m.customFields, seq: seq, connection, logger)
                try await SQL("INSERT INTO archive_versions (record_id, version, entry) VALUES ($1, $2, $3)", .text(id.rawValue), .int(correction.version),
                              .text(entry)).run(on: connection, logger)
            }
        }
    }

    func entries<T: Decodable & Sendable>(_ type: T.Type, _ statement: SQL, _ context: String) async throws -> [T] {
        let logger = logger
        return try await run(context) {
            try await client.withConnection { connection in
                try await statement.rows(on: connection, logger).map { try ArchiveJSON.decode(T.self, try $0.decode(String.self)) }
            }
        }
    }

    /// The history, oldest first.
    public func history(_ id: ArchiveRecordID) async throws -> [RecordCorrection] {
        try await entries(RecordCorrection.self, SQL("SELECT entry FROM archive_versions WHERE record_id = $1 ORDER BY version", .text(id.rawValue)),
                          "cannot read the history of \(id)")
    }

    /// Sets or clears the hold.
    public func setLegalHold(_ id: ArchiveRecordID, _ hold: LegalHold?) async throws {
        let text = try hold.map { try ArchiveJSON.encode($0) }, logger = logger
        let count = try await run("cannot set the hold of \(id)") {
            try await client.withConnection { connection in
                try await SQL("UPDATE archive_records SET legal_hold = $1 WHERE id = $2 AND disposed_at IS NULL RETURNING 1", .text(text), .text(id.rawValue))
                    .count(on: connection, logger)
            }
        }
        guard count == 1 else { throw ArchiveError(.notFound, "no kept record \(id)") }
    }

    /// Marks disposed, drops the wrapped key, records the disposal.
    public func dispose(_ disposal: DisposalRecord) async throws {
        let entry = try ArchiveJSON.encode(disposal), id = disposal.recordID, logger = logger
        try await run("cannot dispose of \(id)") {
            try await client.transaction { connection in
                let rows = try await SQL("SELECT document FROM archive_records WHERE id = $1 AND disposed_at IS NULL FOR UPDATE", .text(id.rawValue))
                    .rows(on: connection, logger)
                guard let text = try rows.first?.decode(String.self) else { throw ArchiveError(.disposed, "record \(id) is not kept") }
                var document = try ArchiveJSON.decode(StoredDocument.self, text)
                document.wrappedKey = nil
                try await SQL("UPDATE archive_records SET disposed_at = $1, document = $2 WHERE id = $3", .text(Self.millis(disposal.time)),
                              .text(try ArchiveJSON.encode(document)), .text(id.rawValue)).run(on: connection, logger)
                try await SQL("INSERT INTO archive_disposals (record_id, entry) VALUES ($1, $2)", .text(id.rawValue), .text(entry)).run(on: connection, logger)
            }
        }
    }

    /// Every disposal.
    public func disposals() async throws -> [DisposalRecord] {
        try await entries(DisposalRecord.self, SQL("SELECT entry FROM archive_disposals ORDER BY seq"), "cannot read the disposals")
    }

    /// Replaces the wrapped key.
    public func updateWrappedKey(_ id: ArchiveRecordID, _ key: WrappedDataKey) async throws {
        let logger = logger
        try await run("cannot re-wrap the key of \(id)") {
            try await client.transaction { connection in
                let rows = try await SQL("SELECT document FROM archive_records WHERE id = $1 AND disposed_at IS NULL FOR UPDATE", .text(id.rawValue))
                    .rows(on: connection, logger)
                guard let text = try rows.first?.decode(String.self) else { throw ArchiveError(.notFound, "no kept record \(id)") }
                var document = try ArchiveJSON.decode(StoredDocument.self, text)
                document.wrappedKey = key
                try await SQL("UPDATE archive_records SET document = $1 WHERE id = $2", .text(try ArchiveJSON.encode(document)), .text(id.rawValue))
                    .run(on: connection, logger)
            }
        }
    }

    /// Kept records in id order.
    public func records(after id: ArchiveRecordID?, limit: Int) async throws -> [ArchiveRecord] {
        try await fetch(SQL(unchecked: "SELECT \(Self.columns) FROM archive_records WHERE disposed_at IS NULL AND id > $1 ORDER BY id LIMIT $2",
                            .text(id?.rawValue ?? ""), .int(limit)), "cannot list records")
    }

    /// Blob keys of kept records.
    public func referencedBlobs() async throws -> Set<String> {
        let logger = logger
        return try await run("cannot list blobs") {
            try await client.withConnection { connection in
                Set(try await SQL("SELECT blob_sha256 FROM archive_records WHERE disposed_at IS NULL").rows(on: connection, logger)
                    .map { try $0.decode(String.self) })
            }
        }
    }

    /// Appends to the access log, the head row locked for the transaction.
    public func appendAccess(_ make: @escaping @Sendable (String, Int) -> AuditEvent) async throws -> AuditEvent {
        let logger = logger
        return try await run("cannot append to the access log") {
            try await client.transaction { connection in
                let head = try await SQL("SELECT sequence, hash FROM archive_access_head WHERE one = 1 FOR UPDATE").rows(on: connection, logger)
                let (sequence, hash) = try head[0].decode((Int, String).self)
                let event = make(hash, sequence + 1)
                try await SQL("INSERT INTO archive_access_log (sequence, hash, entry) VALUES ($1, $2, $3)", .int(event.sequence), .text(event.hash),
                              .text(try ArchiveJSON.encode(event))).run(on: connection, logger)
                try await SQL("UPDATE archive_access_head SET sequence = $1, hash = $2 WHERE one = 1", .int(event.sequence), .text(event.hash))
                    .run(on: connection, logger)
                return event
            }
        }
    }

    /// The access log.
    public func accessLog() async throws -> [AuditEvent] {
        try await entries(AuditEvent.self, SQL("SELECT entry FROM archive_access_log ORDER BY sequence"), "cannot read the access log")
    }

    /// Stores an anchor.
    public func addAnchor(_ anchor: AuditAnchor) async throws {
        let entry = try ArchiveJSON.encode(anchor), logger = logger
        try await run("cannot store an anchor") {
            try await client.withConnection { connection in
                try await SQL("INSERT INTO archive_access_anchors (sequence, entry) VALUES ($1, $2) ON CONFLICT (sequence) DO UPDATE SET entry = EXCLUDED.entry",
                              .int(anchor.sequence), .text(entry)).run(on: connection, logger)
            }
        }
    }

    /// The anchors.
    public func anchors() async throws -> [AuditAnchor] {
        try await entries(AuditAnchor.self, SQL("SELECT entry FROM archive_access_anchors ORDER BY sequence"), "cannot read the anchors")
    }
}
