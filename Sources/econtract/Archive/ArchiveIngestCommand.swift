import ArgumentParser
import Foundation
import LegalRetention

/// `econtract archive ingest FILE --date … --amount … --counterparty …`.
struct ArchiveIngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Archive one document with its metadata.")

    @OptionGroup var options: ArchiveOptions
    @Argument(help: "The document (a signed contract PDF, an invoice PDF, …).") var file: String
    @Option(help: "取引年月日 (YYYY-MM-DD).") var date: String
    @Option(help: "取引金額 (major units: 1000, 12.34).") var amount: String
    @Option(help: "Currency (ISO 4217).") var currency: String = "JPY"
    @Option(help: "取引先.") var counterparty: String
    @Option(help: "書類の種類.") var type: String = "契約書"
    @Option(help: "Received (or issued) on (YYYY-MM-DD).") var received: String?
    @Option(help: "A title.") var title: String?
    @Option(name: .customLong("fiscal-year-end"), help: "The fiscal year's last day (YYYY-MM-DD); default: the next March 31.") var fiscalYearEnd: String?
    @Flag(name: .customLong("loss-carryforward"), help: "The fiscal year has 欠損金 (10-year retention).") var loss = false
    @Option(name: .customLong("field"), help: "A custom field NAME=VALUE (repeatable).") var fields: [String] = []

    func run() async throws {
        try await runArchive {
            let metadata = try makeMetadata(date: date, amount: amount, currency: currency, counterparty: counterparty, type: type, received: received,
                                            title: title, fiscalYearEnd: fiscalYearEnd, loss: loss, fields: fields)
            let bytes = try readFile(file)
            let record = try await options.open().ingest(bytes, fileName: file, metadata: metadata)
            try options.output(RecordView(record)) { RecordView(record).line }
        }
    }
}

/// `econtract archive import --csv FILE`: restartable bulk import.
struct ArchiveImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import many documents from a CSV (file,transaction_date,amount,currency,counterparty,document_type,received_date).",
        discussion: "Paths in the file column are relative to the CSV. Rows are committed in batches (--batch), each batch whole or not at all; running the same CSV again skips rows already imported, so an interrupted import is resumed by running it again.")

    @OptionGroup var options: ArchiveOptions
    @Option(help: "The CSV (UTF-8, optional BOM, header row).") var csv: String
    @Flag(help: "Report progress on stderr.") var progress = false
    @Option(help: "Rows committed per transaction (their blobs are flushed together first).") var batch = 200

    struct Summary: Codable {
        var rows: Int
        var imported: Int
        var alreadyImported: Int
        /// Records given their evidence record at the end (one TSA call per batch).
        var sealed: Int?
    }

    func run() async throws {
        try await runArchive {
            let bytes = try readFile(csv)
            let rows = try CSVReader.parse(String(decoding: bytes, as: UTF8.self))
            guard let header = rows.first else { throw ArchiveError(.invalidArgument, "\(csv) is empty") }
            let columns = Dictionary(header.enumerated().map { ($1.trimmingCharacters(in: .whitespaces), $0) }, uniquingKeysWith: { first, _ in first })
            for required in ["file", "transaction_date", "amount", "counterparty"] where columns[required] == nil {
                throw ArchiveError(.invalidArgument, "\(csv) lacks the column \(required)")
            }
            let archive = try await options.open()
            let base = URL(fileURLWithPath: csv).deletingLastPathComponent()
            let csvHash = SHA256Hex.of(bytes)
            var summary = Summary(rows: rows.count - 1, imported: 0, alreadyImported: 0)
            let batchSize = max(1, self.batch)
            var pending: [ArchiveIngestRequest] = []
            func flush() async throws {
                guard !pending.isEmpty else { return }
                for outcome in try await archive.ingest(batch: pending) {
                    if case .imported = outcome { summary.imported += 1 } else { summary.alreadyImported += 1 }
                }
                pending.removeAll(keepingCapacity: true)
            }
            for (offset, row) in rows.dropFirst().enumerated() {
                func value(_ name: String) -> String? { columns[name].flatMap { $0 < row.count ? row[$0] : nil } }
                let importKey = "csv:\(csvHash)#\(offset + 1)"
                do {
                    let metadata = try makeMetadata(date: value("transaction_date") ?? "", amount: value("amount") ?? "", currency: value("currency") ?? "JPY",
                                                    counterparty: value("counterparty") ?? "", type: value("document_type"), received: value("received_date"),
                                                    title: value("title"), fiscalYearEnd: nil, loss: false, fields: [])
                    let path = value("file") ?? ""
                    let file = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
                    pending.append(ArchiveIngestRequest(document: try readFile(file.path), fileName: path, metadata: metadata, importKey: importKey))
                } catch let error as ArchiveError {
                    try await flush()
                    throw ArchiveError(error.code, "row \(offset + 2): \(error.reason) (rows before it are imported; fix it and run again)")
                }
                if pending.count >= batchSize || offset + 2 == rows.count {
                    try await flush()
                    if progress { FileHandle.standardError.write(Data("import: \(offset + 1)/\(rows.count - 1)\n".utf8)) }
                }
            }
            summary.sealed = try await archive.sealPending(authority: try archiveTimestampAuthority(options).0).sealed
            try options.output(summary) { "imported \(summary.imported), already imported \(summary.alreadyImported), of \(summary.rows) rows; sealed \(summary.sealed ?? 0)" }
        }
    }
}

/// RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF, a leading BOM dropped.
enum CSVReader {
    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false, afterQuote = false
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var index = 0
        while index < scalars.count {
            let c = scalars[index]
            if quoted {
                if c == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" { field.unicodeScalars.append("\""); index += 1 } else { quoted = false; afterQuote = true }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" && field.isEmpty && !afterQuote {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""; afterQuote = false
            } else if c == "\n" || c == "\r" {
                if c == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                row.append(field); field = ""; afterQuote = false
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            } else {
                field.unicodeScalars.append(c)
            }
            index += 1
        }
        guard !quoted else { throw ArchiveError(.invalidArgument, "the CSV ends inside a quoted field") }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
