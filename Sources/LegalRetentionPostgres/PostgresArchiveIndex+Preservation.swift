import CMSCore
import ContractStorePostgres
import Foundation
import LegalRetention
import PostgresNIO

/// Evidence records and the batch in flight, in tables of their own under the migrator
/// component `legal-retention-preservation`, mirroring LegalRetentionSQLite's.
extension PostgresArchiveIndex: PreservationIndex {
    /// The evidence-record schema (applied by ``open(_:logger:)``). Migrations are never edited once shipped.
    public static let preservationMigrator = PostgresMigrator(component: "legal-retention-preservation", migrations: [
        PostgresMigration(version: 1, [
            SQL("""
                CREATE TABLE archive_preservation (
                    record_id TEXT PRIMARY KEY, evidence BYTEA NOT NULL, hash_algorithm TEXT NOT NULL, protected_until BIGINT NOT NULL,
                    pades_until BIGINT, updated_at BIGINT NOT NULL, renewals BIGINT NOT NULL
                )
                """),
            SQL("CREATE INDEX archive_preservation_due ON archive_preservation(protected_until)"),
            SQL("CREATE TABLE archive_preservation_runs (id TEXT PRIMARY KEY, entry TEXT NOT NULL, token BYTEA)"),
        ]),
    ])

    static func ms(_ date: Date) -> Int { Int((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func fromMs(_ value: Int) -> Date { Date(timeIntervalSince1970: Double(value) / 1000) }

    static let evidenceColumns = "p.record_id, p.evidence, p.hash_algorithm, p.protected_until, p.pades_until, p.updated_at, p.renewals"

    static func decodeEvidence(_ row: PostgresRow) throws -> StoredEvidence {
        let (id, evidence, name, until, pades, updated, renewals) = try row.decode((String, Data, String, Int, Int?, Int, Int).self)
        guard let algorithm = DigestAlgorithm(name: name) else { throw ArchiveError(.storageFailure, "unknown hash algorithm \(name) in the index") }
        return StoredEvidence(recordID: ArchiveRecordID(id), evidenceRecord: Array(evidence), hashAlgorithm: algorithm, protectedUntil: fromMs(until),
                              padesProtectedUntil: pades.map(fromMs), updatedAt: fromMs(updated), renewals: renewals)
    }

    func fetchEvidence(_ statement: SQL, _ context: String) async throws -> [StoredEvidence] {
        let logger = logger
        return try await run(context) {
            try await client.withConnection { connection in try await statement.rows(on: connection, logger).map(Self.decodeEvidence) }
        }
    }

    public func unsealedRecords(after id: ArchiveRecordID?, limit: Int) async throws -> [ArchiveRecord] {
        try await fetch(SQL(unchecked: """
            SELECT \(Self.columns) FROM archive_records r WHERE disposed_at IS NULL AND id > $1
            AND NOT EXISTS (SELECT 1 FROM archive_preservation p WHERE p.record_id = r.id) ORDER BY id LIMIT $2
            """, .text(id?.rawValue ?? ""), .int(limit)), "cannot list unsealed records")
    }

    public func evidence(after id: ArchiveRecordID?, limit: Int) async throws -> [StoredEvidence] {
        try await fetchEvidence(SQL(unchecked: """
            SELECT \(Self.evidenceColumns) FROM archive_preservation p JOIN archive_records r ON r.id = p.record_id
            WHERE r.disposed_at IS NULL AND p.record_id > $1 ORDER BY p.record_id LIMIT $2
            """, .text(id?.rawValue ?? ""), .int(limit)), "cannot list evidence records")
    }

    public func evidence(for ids: [ArchiveRecordID]) async throws -> [StoredEvidence] {
        var out: [StoredEvidence] = []
        for start in stride(from: 0, to: ids.count, by: 10_000) {
            out += try await fetchEvidence(SQL(unchecked: """
                SELECT \(Self.evidenceColumns) FROM archive_preservation p JOIN archive_records r ON r.id = p.record_id
                WHERE r.disposed_at IS NULL AND p.record_id = ANY($1)
                """, .texts(ids[start..<min(ids.count, start + 10_000)].map(\.rawValue))), "cannot read evidence records")
        }
        return out
    }

    public func saveEvidence(_ items: [StoredEvidence], finishing runID: String) async throws {
        let logger = logger
        try await run("cannot store evidence records") {
            try await client.transaction { connection in
                for item in items {
                    try await SQL("""
                        INSERT INTO archive_preservation (record_id, evidence, hash_algorithm, protected_until, pades_until, updated_at, renewals)
                        VALUES ($1, $2, $3, $4, CAST($5 AS BIGINT), $6, $7)
                        ON CONFLICT (record_id) DO UPDATE SET evidence = EXCLUDED.evidence, hash_algorithm = EXCLUDED.hash_algorithm,
                            protected_until = EXCLUDED.protected_until, pades_until = EXCLUDED.pades_until, updated_at = EXCLUDED.updated_at,
                            renewals = EXCLUDED.renewals
                        """, .text(item.recordID.rawValue), .bytes(Data(item.evidenceRecord)), .text(item.hashAlgorithm.description),
                        .int(Self.ms(item.protectedUntil)), .text(item.padesProtectedUntil.map { String(Self.ms($0)) }), .int(Self.ms(item.updatedAt)),
                        .int(item.renewals)).run(on: connection, logger)
                }
                try await SQL("DELETE FROM archive_preservation_runs WHERE id = $1", .text(runID)).run(on: connection, logger)
            }
        }
    }

    public func startRun(_ run: PreservationRun) async throws {
        let entry = try ArchiveJSON.encode(run), logger = logger
        try await self.run("cannot start a preservation batch") {
            try await client.transaction { connection in
                try await SQL("LOCK TABLE archive_preservation_runs IN EXCLUSIVE MODE").run(on: connection, logger)
                let open = try await SQL("SELECT count(*) FROM archive_preservation_runs").rows(on: connection, logger)
                guard try open[0].decode(Int.self) == 0 else { throw ArchiveError(.versionConflict, "another preservation batch is in flight") }
                try await SQL("INSERT INTO archive_preservation_runs (id, entry) VALUES ($1, $2)", .text(run.id), .text(entry)).run(on: connection, logger)
            }
        }
    }

    public func setRunToken(_ runID: String, token: [UInt8]) async throws {
        let logger = logger
        try await run("cannot store the batch's timestamp") {
            try await client.withConnection { connection in
                try await SQL("UPDATE archive_preservation_runs SET token = $1 WHERE id = $2", .bytes(Data(token)), .text(runID)).run(on: connection, logger)
            }
        }
    }

    public func openRun() async throws -> PreservationRun? {
        let logger = logger
        return try await run("cannot read the preservation batch") {
            try await client.withConnection { connection in
                let rows = try await SQL("SELECT entry, token FROM archive_preservation_runs LIMIT 1").rows(on: connection, logger)
                guard let row = rows.first else { return nil }
                let (entry, token) = try row.decode((String, Data?).self)
                var run = try ArchiveJSON.decode(PreservationRun.self, entry)
                run.token = token.map { Array($0) }
                return run
            }
        }
    }

    public func abandonRun(_ runID: String) async throws {
        let logger = logger
        try await run("cannot drop the preservation batch") {
            try await client.withConnection { connection in
                try await SQL("DELETE FROM archive_preservation_runs WHERE id = $1", .text(runID)).run(on: connection, logger)
            }
        }
    }
}
