import ContractModel
import Foundation
import GRDB
import LegalRetention

/// The archive's embedded index: one SQLite database (GRDB, WAL mode).
///
/// Tables (see ``migrator``): `records` (one column per field), `custom_fields`,
/// `record_versions` (the history), `disposals`, `access_log` and `access_anchors`.
///
/// Search runs one statement (and one more for the page's custom fields). 取引年月日 and 取引金額 ranges use the covering index
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
        // A 16 MB page cache per connection (SQLite's default is 2 MB): a search at 1,000,000
        // records walks a few thousand index entries, and re-reading them through the kernel
        // was a fifth of its time. Memory-mapped I/O was tried and dropped: first touches of the
        // mapping made p99 worse, and an I/O error would arrive as SIGBUS instead of an error.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16000") }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
            try Self.preservationMigrator.migrate(pool)
        } catch {
            throw ArchiveError(.storageFailure, "cannot open the archive index at \(path): \(error)")
        }
    }

    func run<T: Sendable>(_ context: String, _ body: @Sendable () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ArchiveError { throw error } catch {
            throw ArchiveError(.storageFailure, "\(context): \(error)")
        }
    }

    /// Inserts the record, its custom fields and its ingest entry in one transaction.
    public func insert(_ record: ArchiveRecord, ingest: RecordCorrection) async throws {
        let entry = try ArchiveJSON.encode(ingest)
        let hold = try record.legalHold.map { try ArchiveJSON.encode($0) }
        try await run("cannot insert record \(record.id)") {
            try await pool.write { db in try Self.insertRow(record, hold: hold, entry: entry, db) }
        }
    }

    /// The record, also when disposed.
    public func record(_ id: ArchiveRecordID) async throws -> ArchiveRecord? {
        try await run("cannot read record \(id)") {
            try await pool.read { db in
                try Self.fetchRecords(db, sql: "SELECT \(RecordColumns.select) FROM records WHERE id = ?", arguments: [id.rawValue]).first
            }
        }
    }

    /// The record with this import key.
    public func record(importKey: String) async throws -> ArchiveRecord? {
        try await run("cannot read the import key") {
            try await pool.read { db in
                try Self.fetchRecords(db, sql: "SELECT \(RecordColumns.select) FROM records WHERE import_key = ?", arguments: [importKey]).first
            }
        }
    }

    /// Applies a correction if the stored version is the one before it.
    public func correct(_ correction: RecordCorrection, retentionEnd: CivilDate) async throws {
        let entry = try ArchiveJSON.encode(correction)
        let values = StatementArguments(RecordColumns.metadataValues(correction.after) + [retentionEnd.description, correction.recordID.rawValue])
        try await run("cannot correct record \(correction.recordID)") {
            try await pool.write { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT seq, version, disposed_at FROM records WHERE id = ?", arguments: [correction.recordID.rawValue]) else {
                    throw ArchiveError(.notFound, "no record \(correction.recordID)")
                }
                guard (row["disposed_at"] as Double?) == nil else { throw ArchiveError(.disposed, "record \(correction.recordID) was disposed of") }
                guard (row["version"] as Int) == correction.version - 1 else {
                    throw ArchiveError(.versionConflict, "record \(correction.recordID) is at version \(row["version"] as Int), not \(correction.version - 1)")
                }
                try db.execute(sql: "UPDATE records SET version = \(correction.version), \(RecordColumns.metadataAssignments), retention_end = ? WHERE id = ?",
                               arguments: values)
                try Self.writeCustomFields(correction.after.customFields, seq: row["seq"], db)
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
                try db.execute(sql: "UPDATE records SET disposed_at = ?, key_id = NULL, wrapped_key = NULL WHERE id = ? AND disposed_at IS NULL",
                               arguments: [disposal.time.timeIntervalSince1970, disposal.recordID.rawValue])
                guard db.changesCount == 1 else { throw ArchiveError(.disposed, "record \(disposal.recordID) is not kept") }
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
                try db.execute(sql: "UPDATE records SET key_id = ?, wrapped_key = ? WHERE id = ? AND disposed_at IS NULL",
                               arguments: [key.keyID, Data(key.bytes), id.rawValue])
                guard db.changesCount == 1 else { throw ArchiveError(.notFound, "no kept record \(id)") }
            }
        }
    }

    /// Kept records in id order.
    public func records(after id: ArchiveRecordID?, limit: Int) async throws -> [ArchiveRecord] {
        try await run("cannot list records") {
            try await pool.read { db in
                try Self.fetchRecords(db, sql: "SELECT \(RecordColumns.select) FROM records WHERE disposed_at IS NULL AND id > ? ORDER BY id LIMIT ?",
                                      arguments: [id?.rawValue ?? "", limit])
            }
        }
    }

    /// Blob keys of kept records.
    public func referencedBlobs() async throws -> Set<String> {
        try await run("cannot list blobs") {
            try await pool.read { db in
                Set(try String.fetchAll(db, sql: "SELECT blob_sha256 FROM records WHERE disposed_at IS NULL"))
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
