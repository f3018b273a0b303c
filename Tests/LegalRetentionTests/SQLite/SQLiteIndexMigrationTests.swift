import ContractModel
import Foundation
import GRDB
import LegalRetention
import LegalRetentionSQLite
import Testing

/// An index written by the first schema (`archive-v1`: metadata and document as JSON text) opens
/// under the current one with every field, custom field, key and hold as it was, and searches.
@Suite struct SQLiteIndexMigrationTests {
    @Test func aVersion1IndexMigratesToColumnsWithEveryFieldKept() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("v1-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var metadata = try ArchiveFixtures.metadata("2025-11-30", 1_234_567, "株式会社ﾔﾏﾀﾞ商事", type: .invoice, title: "保守契約 第3期",
                                                    loss: true, custom: ["部門": "営業", "案件番号": "A-17"])
        metadata.receivedDate = try CivilDate("2025-12-02")
        metadata.fiscalYearEnd = try CivilDate("2026-03-31")
        let kept = ArchiveRecord(id: ArchiveRecordID("r1"), version: 1, metadata: metadata,
                                 document: StoredDocument(sha256: String(repeating: "a", count: 64), blobSHA256: String(repeating: "b", count: 64), byteCount: 42,
                                                          fileName: "請求書.pdf", wrappedKey: WrappedDataKey(keyID: "kek-1", bytes: Array(0..<40))),
                                 ingestedAt: ArchiveFixtures.fixedNow, retentionEnd: try CivilDate("2036-05-31"),
                                 legalHold: LegalHold(reason: "調査", setBy: "auditor", since: ArchiveFixtures.fixedNow), importKey: "import.csv:2", disposedAt: nil)
        var disposed = kept
        disposed.id = ArchiveRecordID("r2")
        disposed.metadata.customFields = [:]
        disposed.document.wrappedKey = nil
        disposed.legalHold = nil
        disposed.importKey = nil
        disposed.disposedAt = ArchiveFixtures.fixedNow.addingTimeInterval(60)

        let pool = try DatabasePool(path: path)
        try SQLiteArchiveIndex.migrator.migrate(pool, upTo: "archive-v1")
        let rows = [kept, disposed]
        try await pool.write { db in
            for record in rows {
                try db.execute(sql: """
                    INSERT INTO records (id, version, transaction_date, amount_minor, currency, counterparty_key, document_type, title_key, metadata,
                                         document, ingested_at, retention_end, legal_hold, import_key, disposed_at)
                    VALUES (?, 1, ?, ?, 'JPY', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [record.id.rawValue, record.metadata.transactionDate.description, record.metadata.amount.minorUnits,
                                     record.metadata.counterparty.searchKey, record.metadata.documentType.rawValue,
                                     CounterpartyNormaliser.searchKey(record.metadata.title), try ArchiveJSON.encode(record.metadata),
                                     try ArchiveJSON.encode(record.document), record.ingestedAt.timeIntervalSince1970, record.retentionEnd.description,
                                     try record.legalHold.map { try ArchiveJSON.encode($0) }, record.importKey,
                                     record.disposedAt?.timeIntervalSince1970])
                for (name, value) in record.metadata.customFields {
                    try db.execute(sql: "INSERT INTO custom_fields (record_seq, name, value) VALUES (?, ?, ?)", arguments: [db.lastInsertedRowID, name, value])
                }
            }
        }
        try pool.close()

        let index = try SQLiteArchiveIndex(path: path)
        #expect(try await index.record(kept.id) == kept)
        #expect(try await index.record(rows[1].id) == rows[1])
        #expect(try await index.record(importKey: "import.csv:2") == kept)
        let page = try await index.search(try ArchiveQuery(from: try CivilDate("2025-11-01"), counterparty: "やまだ", customFields: ["部門": "営業"]).resolved())
        #expect(page.records == [kept])
        #expect(try await index.referencedBlobs() == [kept.document.blobSHA256])
        let columns = try await index.pool.read { db in try db.columns(in: "records").map(\.name) }
        #expect(!columns.contains("metadata") && !columns.contains("document"))
    }
}
