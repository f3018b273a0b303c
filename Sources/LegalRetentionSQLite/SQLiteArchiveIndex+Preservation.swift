import CMSCore
import Foundation
import GRDB
import LegalRetention

/// Evidence records and the batch in flight, in tables of their own (`preservation`,
/// `preservation_runs`) under a migrator of their own, so the archive schema stays as it was.
extension SQLiteArchiveIndex: PreservationIndex {
    /// The evidence-record schema (applied by ``init(path:)``). Migrations are never edited once shipped.
    public static var preservationMigrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("preservation-v1") { db in
            try db.execute(sql: """
                CREATE TABLE preservation (
                    record_id TEXT PRIMARY KEY,
                    evidence BLOB NOT NULL,
                    hash_algorithm TEXT NOT NULL,
                    protected_until REAL NOT NULL,
                    pades_until REAL,
                    updated_at REAL NOT NULL,
                    renewals INTEGER NOT NULL
                );
                CREATE INDEX preservation_due ON preservation(protected_until);
                CREATE TABLE preservation_runs (
                    id TEXT PRIMARY KEY,
                    entry TEXT NOT NULL,
                    token BLOB
                );
                """)
        }
        return migrator
    }

    static func decodeEvidence(_ row: Row) throws -> StoredEvidence {
        let name: String = row["hash_algorithm"], pades: Double? = row["pades_until"]
        guard let algorithm = DigestAlgorithm(name: name) else { throw ArchiveError(.storageFailure, "unknown hash algorithm \(name) in the index") }
        return StoredEvidence(recordID: ArchiveRecordID(row["record_id"] as String), evidenceRecord: Array(row["evidence"] as Data), hashAlgorithm: algorithm,
                              protectedUntil: Date(timeIntervalSince1970: row["protected_until"]), padesProtectedUntil: pades.map { Date(timeIntervalSince1970: $0) },
                              updatedAt: Date(timeIntervalSince1970: row["updated_at"]), renewals: row["renewals"])
    }

    static let evidenceColumns = "p.record_id, p.evidence, p.hash_algorithm, p.protected_until, p.pades_until, p.updated_at, p.renewals"

    public func unsealedRecords(after id: ArchiveRecordID?, limit: Int) async throws -> [ArchiveRecord] {
        try await run("cannot list unsealed records") {
            try await pool.read { db in
                try Self.fetchRecords(db, sql: """
                    SELECT \(RecordColumns.select) FROM records WHERE disposed_at IS NULL AND id > ?
                    AND NOT EXISTS (SELECT 1 FROM preservation p WHERE p.record_id = records.id) ORDER BY id LIMIT ?
                    """, arguments: [id?.rawValue ?? "", limit])
            }
        }
    }

    public func evidence(after id: ArchiveRecordID?, limit: Int) async throws -> [StoredEvidence] {
        try await run("cannot list evidence records") {
            try await pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT \(Self.evidenceColumns) FROM preservation p JOIN records r ON r.id = p.record_id
                    WHERE r.disposed_at IS NULL AND p.record_id > ? ORDER BY p.record_id LIMIT ?
                    """, arguments: [id?.rawValue ?? "", limit]).map(Self.decodeEvidence)
            }
        }
    }

    public func evidence(for ids: [ArchiveRecordID]) async throws -> [StoredEvidence] {
        try await run("cannot read evidence records") {
            try await pool.read { db in
                var out: [StoredEvidence] = []
                for start in stride(from: 0, to: ids.count, by: 500) {
                    let chunk = ids[start..<min(ids.count, start + 500)].map(\.rawValue)
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                    out += try Row.fetchAll(db, sql: """
                        SELECT \(Self.evidenceColumns) FROM preservation p JOIN records r ON r.id = p.record_id
                        WHERE r.disposed_at IS NULL AND p.record_id IN (\(marks))
                        """, arguments: StatementArguments(chunk)).map(Self.decodeEvidence)
                }
                return out
            }
        }
    }

    public func saveEvidence(_ items: [StoredEvidence], finishing runID: String) async throws {
        try await run("cannot store evidence records") {
            try await pool.write { db in
                let statement = try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO preservation (record_id, evidence, hash_algorithm, protected_until, pades_until, updated_at, renewals)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
                for item in items {
                    try statement.execute(arguments: [item.recordID.rawValue, Data(item.evidenceRecord), item.hashAlgorithm.description,
                                                      item.protectedUntil.timeIntervalSince1970, item.padesProtectedUntil?.timeIntervalSince1970,
                                                      item.updatedAt.timeIntervalSince1970, item.renewals])
                }
                try db.execute(sql: "DELETE FROM preservation_runs WHERE id = ?", arguments: [runID])
            }
        }
    }

    public func startRun(_ run: PreservationRun) async throws {
        let entry = try ArchiveJSON.encode(run)
        try await self.run("cannot start a preservation batch") {
            try await pool.write { db in
                guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM preservation_runs") == 0 else {
                    throw ArchiveError(.versionConflict, "another preservation batch is in flight")
                }
                try db.execute(sql: "INSERT INTO preservation_runs (id, entry, token) VALUES (?, ?, ?)",
                               arguments: [run.id, entry, run.token.map { Data($0) }])
            }
        }
    }

    public func setRunToken(_ runID: String, token: [UInt8]) async throws {
        try await run("cannot store the batch's timestamp") {
            try await pool.write { db in
                try db.execute(sql: "UPDATE preservation_runs SET token = ? WHERE id = ?", arguments: [Data(token), runID])
            }
        }
    }

    public func openRun() async throws -> PreservationRun? {
        try await run("cannot read the preservation batch") {
            try await pool.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT entry, token FROM preservation_runs LIMIT 1") else { return nil }
                var run = try ArchiveJSON.decode(PreservationRun.self, row["entry"])
                run.token = (row["token"] as Data?).map { Array($0) }
                return run
            }
        }
    }

    public func abandonRun(_ runID: String) async throws {
        try await run("cannot drop the preservation batch") {
            try await pool.write { db in try db.execute(sql: "DELETE FROM preservation_runs WHERE id = ?", arguments: [runID]) }
        }
    }
}
