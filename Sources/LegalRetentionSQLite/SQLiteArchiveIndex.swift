import ContractModel
import Foundation
import GRDB
import LegalRetention

/// The archive's embedded index: one SQLite database (GRDB, WAL mode).
///
/// Tables (see its migrations): `records` (search columns plus the metadata as JSON), `custom_fields`,
/// `record_versions` (the history), `disposals`, `access_log` and `access_anchors`.
///
/// Search runs one statement. 取引年月日 and 取引金額 ranges use the covering index
/// `records_search(transaction_date, amount_minor, currency, counterparty_key)` over kept
/// records; the counterparty and title conditions are `instr()` over normalised columns, so
/// one- and two-character substrings work (FTS5's trigram tokenizer needs three or more).
public final class SQLiteArchiveIndex: ArchiveIndex {
    /// The connection pool (WAL mode, several readers, one writer).
    public let pool: DatabasePool

    /// Opens (or creates) the database at `path` and migrates it. - Throws: `ArchiveError`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "econtract.archive"
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
            try Self.preservationMigrator.migrate(pool)
        } catch {
            throw ArchiveError(.storageFailure, "cannot open the archive index at \(path): \(error)")
        }
    }

    /// The schema. Migrations are never edited once shipped; new ones are appended.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("archive-v1") { db in
            try db.execute(sql: """
                CREATE TABLE records (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    version INTEGER NOT NULL,
                    transaction_date TEXT NOT NULL,
                    amount_minor INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    counterparty_key TEXT NOT NULL,
                    document_type TEXT NOT NULL,
                    title_key TEXT NOT NULL,
                    metadata TEXT NOT NULL,
                    document TEXT NOT NULL,
                    ingested_at REAL NOT NULL,
                    retention_end TEXT NOT NULL,
                    legal_hold TEXT,
                    import_key TEXT UNIQUE,
                    disposed_at REAL
                );
                CREATE INDEX records_search ON records(transaction_date, amount_minor, currency, counterparty_key) WHERE disposed_at IS NULL;
                CREATE INDEX records_counterparty ON records(counterparty_key) WHERE disposed_at IS NULL;
                CREATE INDEX records_retention ON records(retention_end) WHERE disposed_at IS NULL;
                CREATE TABLE custom_fields (
                    record_seq INTEGER NOT NULL REFERENCES records(seq),
                    name TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (record_seq, name)
                );
                CREATE INDEX custom_fields_value ON custom_fields(name, value, record_seq);
                CREATE TABLE record_versions (
                    record_id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    entry TEXT NOT NULL,
                    PRIMARY KEY (record_id, version)
                );
                CREATE TABLE disposals (
                    seq INTEGER PRIMARY KEY,
                    record_id TEXT NOT NULL UNIQUE,
                    entry TEXT NOT NULL
                );
                CREATE TABLE access_log (
                    sequence INTEGER PRIMARY KEY,
                    hash TEXT NOT NULL,
                    entry TEXT NOT NULL
                );
                CREATE TABLE access_anchors (
                    sequence INTEGER PRIMARY KEY,
                    entry TEXT NOT NULL
                );
                """)
        }
        return migrator
    }

    func run<T: Sendable>(_ context: String, _ body: @Sendable () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ArchiveError { throw error } catch {
            throw ArchiveError(.storageFailure, "\(context): \(error)")
        }
    }

    /// Inserts the record, its custom fields and its ingest entry in one transaction.
    public func insert(_ record: ArchiveRecord, ingest: RecordCorrection) async throws {
        let metadata = try ArchiveJSON.encode(record.metadata), document = try ArchiveJSON.encode(record.document)
        let entry = try ArchiveJSON.encode(ingest)
        let hold = try record.legalHold.map { try ArchiveJSON.encode($0) }
        try await run("cannot insert record \(record.id)") {
            try await pool.write { db in
                try Self.insertRow(record, metadata: metadata, document: document, hold: hold, entry: entry, db)
            }
        }
    }

    /// One record's row, custom fields and ingest entry (inside the caller's transaction).
    static func insertRow(_ record: ArchiveRecord, metadata: String, document: String, hold: String?, entry: String, _ db: Database) throws {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM records WHERE id = ? OR import_key = ?", arguments: [record.id.rawValue, record.importKey]) == true {
            throw ArchiveError(.versionConflict, "record \(record.id) or import key \(record.importKey ?? "") exists")
        }
        let m = record.metadata
        try db.cachedStatement(sql: """
            INSERT INTO records (id, version, transaction_date, amount_minor, currency, counterparty_key, document_type, title_key, metadata,
                                 document, ingested_at, retention_end, legal_hold, import_key, disposed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
            """).execute(arguments: [record.id.rawValue, record.version, m.transactionDate.description, m.amount.minorUnits, m.amount.currency.rawValue,
                                     m.counterparty.searchKey, m.documentType.rawValue, CounterpartyNormaliser.searchKey(m.title), metadata, document,
                                     record.ingestedAt.timeIntervalSince1970, record.retentionEnd.description, hold, record.importKey])
        let seq = db.lastInsertedRowID
        try Self.writeCustomFields(m.customFields, seq: seq, db)
        try db.cachedStatement(sql: "INSERT INTO record_versions (record_id, version, entry) VALUES (?, 1, ?)").execute(arguments: [record.id.rawValue, entry])
    }

    static func writeCustomFields(_ fields: [String: String], seq: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM custom_fields WHERE record_seq = ?", arguments: [seq])
        for (name, value) in fields {
            try db.execute(sql: "INSERT INTO custom_fields (record_seq, name, value) VALUES (?, ?, ?)", arguments: [seq, name, value])
        }
    }

    static let columns = "id, version, metadata, document, ingested_at, retention_end, legal_hold, import_key, disposed_at"

    static func decode(_ row: Row) throws -> ArchiveRecord {
        let hold: String? = row["legal_hold"]
        let disposed: Double? = row["disposed_at"]
        return ArchiveRecord(id: ArchiveRecordID(row["id"] as String), version: row["version"],
                             metadata: try ArchiveJSON.decode(RecordMetadata.self, row["metadata"]),
                             document: try ArchiveJSON.decode(StoredDocument.self, row["document"]),
                             ingestedAt: Date(timeIntervalSince1970: row["ingested_at"]), retentionEnd: try CivilDate(archiveInput: row["retention_end"] as String),
                             legalHold: try hold.map { try ArchiveJSON.decode(LegalHold.self, $0) }, importKey: row["import_key"],
                             disposedAt: disposed.map { Date(timeIntervalSince1970: $0) })
    }

    /// The record, also when disposed.
    public func record(_ id: ArchiveRecordID) async throws -> ArchiveRecord? {
        try await run("cannot read record \(id)") {
            try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM records WHERE id = ?", arguments: [id.rawValue]).map(Self.decode)
            }
        }
    }

    /// The record with this import key.
    public func record(importKey: String) async throws -> ArchiveRecord? {
        try await run("cannot read the import key") {
            try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM records WHERE import_key = ?", arguments: [importKey]).map(Self.decode)
            }
        }
    }

    /// The search statement for `query` (exposed so benchmarks and tests can `EXPLAIN` it).
    public static func searchSQL(_ query: ResolvedArchiveQuery) -> (sql: String, arguments: StatementArguments) {
        var conditions = ["disposed_at IS NULL"]
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let from = query.from { conditions.append("transaction_date >= ?"); arguments.append(from.description) }
        if let to = query.to { conditions.append("transaction_date <= ?"); arguments.append(to.description) }
        if let minimum = query.minimumMinorUnits { conditions.append("amount_minor >= ?"); arguments.append(minimum) }
        if let maximum = query.maximumMinorUnits { conditions.append("amount_minor <= ?"); arguments.append(maximum) }
        if let currency = query.currency { conditions.append("currency = ?"); arguments.append(currency.rawValue) }
        if let key = query.counterpartyKey { conditions.append("instr(counterparty_key, ?) > 0"); arguments.append(key) }
        if let type = query.documentType { conditions.append("document_type = ?"); arguments.append(type.rawValue) }
        if let title = query.titleKey { conditions.append("instr(title_key, ?) > 0"); arguments.append(title) }
        for (name, value) in query.customFields.sorted(by: { $0.key < $1.key }) {
            conditions.append("seq IN (SELECT record_seq FROM custom_fields WHERE name = ? AND value = ?)")
            arguments.append(name)
            arguments.append(value)
        }
        arguments.append(query.limit + 1)
        arguments.append(query.offset)
        let sql = "SELECT \(columns) FROM records WHERE \(conditions.joined(separator: " AND ")) ORDER BY transaction_date, seq LIMIT ? OFFSET ?"
        return (sql, StatementArguments(arguments))
    }

    /// One page of kept records.
    public func search(_ query: ResolvedArchiveQuery) async throws -> ArchiveSearchPage {
        let (sql, arguments) = Self.searchSQL(query)
        return try await run("cannot search") {
            try await pool.read { db in
                var records = try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.decode)
                let more = records.count > query.limit
                if more { records.removeLast() }
                return ArchiveSearchPage(records: records, hasMore: more)
            }
        }
    }

    /// Applies a correction if the stored version is the one before it.
    public func correct(_ correction: RecordCorrection, retentionEnd: CivilDate) async throws {
        let metadata = try ArchiveJSON.encode(correction.after), entry = try ArchiveJSON.encode(correction)
        let m = correction.after
        try await run("cannot correct record \(correction.recordID)") {
            try await pool.write { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT seq, version, disposed_at FROM records WHERE id = ?", arguments: [correction.recordID.rawValue]) else {
                    throw ArchiveError(.notFound, "no record \(correction.recordID)")
                }
                guard (row["disposed_at"] as Double?) == nil else { throw ArchiveError(.disposed, "record \(correction.recordID) was disposed of") }
                guard (row["version"] as Int) == correction.version - 1 else {
                    throw ArchiveError(.versionConflict, "record \(correction.recordID) is at version \(row["version"] as Int), not \(correction.version - 1)")
                }
                try db.execute(sql: """
                    UPDATE records SET version = ?, transaction_date = ?, amount_minor = ?, currency = ?, counterparty_key = ?, document_type = ?,
                                       title_key = ?, metadata = ?, retention_end = ? WHERE id = ?
                    """, arguments: [correction.version, m.transactionDate.description, m.amount.minorUnits, m.amount.currency.rawValue,
                                     m.counterparty.searchKey, m.documentType.rawValue, CounterpartyNormaliser.searchKey(m.title), metadata,
                                     retentionEnd.description, correction.recordID.rawValue])
                try Self.writeCustomFields(m.customFields, seq: row["seq"], db)
                try db.execute(sql: "INSERT INTO record_versions (record_id, version, entry) VALUES (?, ?, ?)",
                               arguments: [correction.recordID.rawValue, correction.version, entry])
            }
        }
    }

    /// The history, oldest first.
    public func history(_ id: ArchiveRecordID) async throws -> [RecordCorrection] {
        try await run("cannot read the history of \(id)") {
            try await pool.read { db in
                try String.fetchAll(db, sql: "SELECT entry FROM record_versions WHERE record_id = ? ORDER BY version", arguments: [id.rawValue])
                    .map { try ArchiveJSON.decode(RecordCorrection.self, $0) }
            }
        }
    }

    /// Sets or clears the hold.
    public func setLegalHold(_ id: ArchiveRecordID, _ hold: LegalHold?) async throws {
        let text = try hold.map { try ArchiveJSON.encode($0) }
        try await run("cannot set the hold of \(id)") {
            try await pool.write { db in
                try db.execute(sql: "UPDATE records SET legal_hold = ? WHERE id = ? AND disposed_at IS NULL", arguments: [text, id.rawValue])
                guard db.changesCount == 1 else { throw ArchiveError(.notFound, "no kept record \(id)") }
            }
        }
    }

    /// Marks disposed, drops the wrapped key, records the disposal.
    public func dispose(_ disposal: DisposalRecord) async throws {
        let entry = try ArchiveJSON.encode(disposal)
        try await run("cannot dispose of \(disposal.recordID)") {
            try await pool.write { db in
                guard let text = try String.fetchOne(db, sql: "SELECT document FROM records WHERE id = ? AND disposed_at IS NULL",
                                                     arguments: [disposal.recordID.rawValue]) else {
                    throw ArchiveError(.disposed, "record \(disposal.recordID) is not kept")
                }
                var document = try ArchiveJSON.decode(StoredDocument.self, text)
                document.wrappedKey = nil
                try db.execute(sql: "UPDATE records SET disposed_at = ?, document = ? WHERE id = ?",
                               arguments: [disposal.time.timeIntervalSince1970, try ArchiveJSON.encode(document), disposal.recordID.rawValue])
                try db.execute(sql: "INSERT INTO disposals (record_id, entry) VALUES (?, ?)", arguments: [disposal.recordID.rawValue, entry])
            }
        }
    }

    /// Every disposal.
    public func disposals() async throws -> [DisposalRecord] {
        try await run("cannot read the disposals") {
            try await pool.read { db in
                try String.fetchAll(db, sql: "SELECT entry FROM disposals ORDER BY seq").map { try ArchiveJSON.decode(DisposalRecord.self, $0) }
            }
        }
    }

    /// Replaces the wrapped key.
    public func updateWrappedKey(_ id: ArchiveRecordID, _ key: WrappedDataKey) async throws {
        try await run("cannot re-wrap the key of \(id)") {
            try await pool.write { db in
                guard let text = try String.fetchOne(db, sql: "SELECT document FROM records WHERE id = ? AND disposed_at IS NULL", arguments: [id.rawValue]) else {
                    throw ArchiveError(.notFound, "no kept record \(id)")
                }
                var document = try ArchiveJSON.decode(StoredDocument.self, text)
                document.wrappedKey = key
                try db.execute(sql: "UPDATE records SET document = ? WHERE id = ?", arguments: [try ArchiveJSON.encode(document), id.rawValue])
            }
        }
    }

    /// Kept records in id order.
    public func records(after id: ArchiveRecordID?, limit: Int) async throws -> [ArchiveRecord] {
        try await run("cannot list records") {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM records WHERE disposed_at IS NULL AND id > ? ORDER BY id LIMIT ?",
                                 arguments: [id?.rawValue ?? "", limit]).map(Self.decode)
            }
        }
    }

    /// Blob keys of kept records.
    public func referencedBlobs() async throws -> Set<String> {
        try await run("cannot list blobs") {
            try await pool.read { db in
                Set(try String.fetchAll(db, sql: "SELECT json_extract(document, '$.blobSHA256') FROM records WHERE disposed_at IS NULL"))
            }
        }
    }

    /// Appends to the access log in one write transaction (so the head cannot move in between).
    public func appendAccess(_ make: @escaping @Sendable (String, Int) -> AuditEvent) async throws -> AuditEvent {
        try await run("cannot append to the access log") {
            try await pool.write { db in
                let head = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM access_log ORDER BY sequence DESC LIMIT 1")
                let event = make(head?["hash"] ?? AuditEvent.genesisHash, (head?["sequence"] as Int? ?? 0) + 1)
                try db.execute(sql: "INSERT INTO access_log (sequence, hash, entry) VALUES (?, ?, ?)",
                               arguments: [event.sequence, event.hash, try ArchiveJSON.encode(event)])
                return event
            }
        }
    }

    /// The access log.
    public func accessLog() async throws -> [AuditEvent] {
        try await run("cannot read the access log") {
            try await pool.read { db in
                try String.fetchAll(db, sql: "SELECT entry FROM access_log ORDER BY sequence").map { try ArchiveJSON.decode(AuditEvent.self, $0) }
            }
        }
    }

    /// Stores an anchor.
    public func addAnchor(_ anchor: AuditAnchor) async throws {
        let entry = try ArchiveJSON.encode(anchor)
        try await run("cannot store an anchor") {
            try await pool.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO access_anchors (sequence, entry) VALUES (?, ?)", arguments: [anchor.sequence, entry])
            }
        }
    }

    /// The anchors.
    public func anchors() async throws -> [AuditAnchor] {
        try await run("cannot read the anchors") {
            try await pool.read { db in
                try String.fetchAll(db, sql: "SELECT entry FROM access_anchors ORDER BY sequence").map { try ArchiveJSON.decode(AuditAnchor.self, $0) }
            }
        }
    }
}
