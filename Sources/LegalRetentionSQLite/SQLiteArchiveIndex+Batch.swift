import ContractModel
import Foundation
import GRDB
import LegalRetention

extension SQLiteArchiveIndex: BatchArchiveIndex {
    /// Inserts the records, their custom fields, ingest entries and access-log events in one transaction.
    public func insert(batch: [(record: ArchiveRecord, ingest: RecordCorrection)],
                       access: @escaping @Sendable (ArchiveRecord, String, Int) -> AuditEvent) async throws -> [AuditEvent] {
        let rows = try batch.map { item in
            (item.record, try item.record.legalHold.map { try ArchiveJSON.encode($0) }, try ArchiveJSON.encode(item.ingest))
        }
        guard !rows.isEmpty else { return [] }
        return try await run("cannot insert a batch of \(rows.count) records") {
            try await pool.write { db in
                for (record, hold, entry) in rows {
                    try Self.insertRow(record, hold: hold, entry: entry, db)
                }
                let head = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM access_log ORDER BY sequence DESC LIMIT 1")
                var previous: String = head?["hash"] ?? AuditEvent.genesisHash, sequence: Int = head?["sequence"] ?? 0
                var events: [AuditEvent] = []
                let statement = try db.cachedStatement(sql: "INSERT INTO access_log (sequence, hash, entry) VALUES (?, ?, ?)")
                for (record, _, _) in rows {
                    sequence += 1
                    let event = access(record, previous, sequence)
                    try statement.execute(arguments: [event.sequence, event.hash, try ArchiveJSON.encode(event)])
                    previous = event.hash
                    events.append(event)
                }
                return events
            }
        }
    }

    /// Which of `importKeys` are already imported (one query per 500 keys).
    public func existingImportKeys(_ importKeys: [String]) async throws -> Set<String> {
        guard !importKeys.isEmpty else { return [] }
        return try await run("cannot look up import keys") {
            try await pool.read { db in
                var found = Set<String>()
                var start = 0
                while start < importKeys.count {
                    let chunk = Array(importKeys[start..<min(start + 500, importKeys.count)])
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                    found.formUnion(try String.fetchAll(db, sql: "SELECT import_key FROM records WHERE import_key IN (\(marks))", arguments: StatementArguments(chunk)))
                    start += 500
                }
                return found
            }
        }
    }
}
