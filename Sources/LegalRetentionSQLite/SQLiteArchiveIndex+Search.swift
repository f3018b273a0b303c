import GRDB
import LegalRetention

extension SQLiteArchiveIndex {
    /// The columns a record is read from, in the order the index reads them (so a benchmark's
    /// hand-written SQL can select the same).
    public static var recordColumns: String { RecordColumns.select }

    /// The search statement for `query` (exposed so benchmarks and tests can `EXPLAIN` it).
    ///
    /// 取引年月日 and 取引金額 ranges use the covering index `records_search(transaction_date,
    /// amount_minor, currency, counterparty_key)` over kept records; the counterparty and title
    /// conditions are `instr()` over normalised columns, so one- and two-character substrings work
    /// (FTS5's trigram tokenizer needs three or more); custom fields are exact matches through
    /// `custom_fields_value`.
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
        let sql = "SELECT \(RecordColumns.select) FROM records WHERE \(conditions.joined(separator: " AND ")) ORDER BY transaction_date, seq LIMIT ? OFFSET ?"
        return (sql, StatementArguments(arguments))
    }

    /// One page of kept records.
    public func search(_ query: ResolvedArchiveQuery) async throws -> ArchiveSearchPage {
        let (sql, arguments) = Self.searchSQL(query)
        return try await run("cannot search") {
            try await pool.read { db in
                var records = try Self.fetchRecords(db, sql: sql, arguments: arguments)
                let more = records.count > query.limit
                if more { records.removeLast() }
                return ArchiveSearchPage(records: records, hasMore: more)
            }
        }
    }
}
