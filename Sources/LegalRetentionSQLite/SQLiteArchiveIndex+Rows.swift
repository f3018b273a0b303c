import ContractModel
import Foundation
import GRDB
import LegalRetention

/// How an ``ArchiveRecord`` maps to the columns of `records` (schema `archive-v2-columns`): one
/// place for the column names, the values written and the reading of a row.
enum RecordColumns {
    /// The metadata's columns, with the two search keys (`counterparty_key`, `title_key`).
    static let metadataNames = ["transaction_date", "amount_minor", "currency", "counterparty_key", "counterparty_name", "corporate_form",
                                "document_type", "title", "title_key", "received_date", "fiscal_year_end", "loss_carryforward"]
    /// The stored document's columns.
    static let documentNames = ["document_sha256", "blob_sha256", "byte_count", "file_name", "key_id", "wrapped_key"]

    static let metadataAssignments = metadataNames.map { "\($0) = ?" }.joined(separator: ", ")
    static let documentAssignments = documentNames.map { "\($0) = ?" }.joined(separator: ", ")

    /// The insert of a record's row (made once: batch imports run it per row).
    static let insert: String = {
        let names = ["id", "version"] + metadataNames + documentNames + ["ingested_at", "retention_end", "legal_hold", "import_key"]
        return "INSERT INTO records (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))"
    }()

    /// Values for ``metadataNames``, in order.
    static func metadataValues(_ m: RecordMetadata) -> [(any DatabaseValueConvertible)?] {
        [m.transactionDate.description, m.amount.minorUnits, m.amount.currency.rawValue, m.counterparty.searchKey, m.counterparty.name,
         m.counterparty.corporateForm?.rawValue, m.documentType.rawValue, m.title, CounterpartyNormaliser.searchKey(m.title),
         m.receivedDate?.description, m.fiscalYearEnd?.description, m.hasLossCarryforward]
    }

    /// Values for ``documentNames``, in order.
    static func documentValues(_ d: StoredDocument) -> [(any DatabaseValueConvertible)?] {
        [d.sha256, d.blobSHA256, d.byteCount, d.fileName, d.wrappedKey?.keyID, d.wrappedKey.map { Data($0.bytes) }]
    }

    /// The columns ``record(_:customFields:)`` reads, in its order (`seq` first).
    static let select = "seq, id, version, transaction_date, amount_minor, currency, counterparty_key, counterparty_name, corporate_form, "
        + "document_type, title, received_date, fiscal_year_end, loss_carryforward, document_sha256, blob_sha256, byte_count, file_name, "
        + "key_id, wrapped_key, ingested_at, retention_end, legal_hold, import_key, disposed_at"

    /// The row's record (columns as in ``select``). Reads by position: a search page decodes
    /// every row it returns, so this is the hot path.
    static func record(_ row: Row, customFields: [String: String]) throws -> ArchiveRecord {
        let currencyText: String = row[5]
        guard let currency = currencyText == "JPY" ? CurrencyCode.jpy : CurrencyCode(rawValue: currencyText) else {
            throw ArchiveError(.storageFailure, "the index holds an invalid currency \(currencyText.debugDescription)")
        }
        let form: String? = row[8], received: String? = row[11], fiscalEnd: String? = row[12]
        let metadata = RecordMetadata(
            transactionDate: try CivilDate(archiveInput: row[3]), amount: Money(minorUnits: row[4], currency: currency),
            counterparty: Counterparty(stored: row[7], searchKey: row[6], corporateForm: form.map(CorporateForm.init(rawValue:))),
            documentType: DocumentType(row[9] as String), title: row[10], receivedDate: try received.map(CivilDate.init(archiveInput:)),
            fiscalYearEnd: try fiscalEnd.map(CivilDate.init(archiveInput:)), hasLossCarryforward: row[13], customFields: customFields)
        let keyID: String? = row[18], wrapped: Data? = row[19]
        let document = StoredDocument(sha256: row[14], blobSHA256: row[15], byteCount: row[16], fileName: row[17],
                                      wrappedKey: keyID.flatMap { id in wrapped.map { WrappedDataKey(keyID: id, bytes: Array($0)) } })
        let hold: String? = row[22], disposed: Double? = row[24]
        return ArchiveRecord(id: ArchiveRecordID(row[1] as String), version: row[2], metadata: metadata, document: document,
                             ingestedAt: Date(timeIntervalSince1970: row[20]), retentionEnd: try CivilDate(archiveInput: row[21]),
                             legalHold: try hold.map { try ArchiveJSON.decode(LegalHold.self, $0) }, importKey: row[23],
                             disposedAt: disposed.map { Date(timeIntervalSince1970: $0) })
    }
}

extension SQLiteArchiveIndex {
    /// The records a statement selecting ``RecordColumns/select`` returns, in its order, with their
    /// custom fields (one more query for the lot).
    static func fetchRecords(_ db: Database, sql: String, arguments: StatementArguments) throws -> [ArchiveRecord] {
        // Cached statements: a query shape (which conditions, how many custom fields) is parsed
        // once per connection, not at every search.
        let rows = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
        guard !rows.isEmpty else { return [] }
        var fields: [Int64: [String: String]] = [:]
        for start in stride(from: 0, to: rows.count, by: 500) {
            let seqs = rows[start..<min(start + 500, rows.count)].map { $0[0] as Int64 }
            let marks = Array(repeating: "?", count: seqs.count).joined(separator: ",")
            let cursor = try Row.fetchCursor(db.cachedStatement(sql: "SELECT record_seq, name, value FROM custom_fields WHERE record_seq IN (\(marks))"),
                                             arguments: StatementArguments(seqs))
            while let row = try cursor.next() { fields[row[0], default: [:]][row[1]] = row[2] }
        }
        return try rows.map { try RecordColumns.record($0, customFields: fields[$0[0]] ?? [:]) }
    }

    /// One record's row, custom fields and ingest entry (inside the caller's transaction).
    static func insertRow(_ record: ArchiveRecord, hold: String?, entry: String, _ db: Database) throws {
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM records WHERE id = ? OR import_key = ?"), arguments: [record.id.rawValue, record.importKey]) == true {
            throw ArchiveError(.versionConflict, "record \(record.id) or import key \(record.importKey ?? "") exists")
        }
        let values: [(any DatabaseValueConvertible)?] = [record.id.rawValue, record.version] + RecordColumns.metadataValues(record.metadata)
            + RecordColumns.documentValues(record.document) + [record.ingestedAt.timeIntervalSince1970, record.retentionEnd.description, hold, record.importKey]
        try db.cachedStatement(sql: RecordColumns.insert).execute(arguments: StatementArguments(values))
        try writeCustomFields(record.metadata.customFields, seq: db.lastInsertedRowID, db)
        try db.cachedStatement(sql: "INSERT INTO record_versions (record_id, version, entry) VALUES (?, 1, ?)").execute(arguments: [record.id.rawValue, entry])
    }

    static func writeCustomFields(_ fields: [String: String], seq: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM custom_fields WHERE record_seq = ?").execute(arguments: [seq])
        for (name, value) in fields {
            try db.cachedStatement(sql: "INSERT INTO custom_fields (record_seq, name, value) VALUES (?, ?, ?)").execute(arguments: [seq, name, value])
        }
    }
}
