import Foundation

/// CSV text: RFC 4180 quoting, CRLF line ends.
public enum ArchiveCSV {
    /// One line of fields.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            // Line breaks by isNewline: "\r\n" is one Character, which == "\n" misses.
            field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) || field.hasPrefix("=") || field.hasPrefix("+")
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
    }

    /// The columns of the export's `index.csv`.
    public static let indexColumns = ["id", "file", "sha256", "transaction_date", "amount", "currency", "counterparty", "corporate_form",
                                      "document_type", "title", "received_date", "retention_end", "version"]

    /// A record's row in `index.csv`.
    public static func indexRow(_ record: ArchiveRecord, file: String) -> [String] {
        let m = record.metadata
        return [record.id.rawValue, file, record.document.sha256, m.transactionDate.description, m.amount.plainText, m.amount.currency.rawValue,
                m.counterparty.name, m.counterparty.corporateForm?.rawValue ?? "", m.documentType.rawValue, m.title, m.receivedDate?.description ?? "",
                record.retentionEnd.description, String(record.version)]
    }
}

/// What ``ArchiveService/export(_:to:progress:)`` wrote.
public struct ArchiveExportSummary: Hashable, Codable, Sendable {
    /// Records exported.
    public var records: Int
    /// Bytes of documents exported.
    public var documentBytes: Int
    /// The size of the ZIP written, in bytes.
    public var zipBytes: Int
}

extension ArchiveService {
    /// The ダウンロードの求め export: every kept record matching `query` (all pages; its limit
    /// and offset are ignored) as a ZIP holding `files/<id>.<ext>`, `index.csv` (UTF-8 with BOM,
    /// CRLF, Excel-friendly) and `SHA256SUMS` (the `sha256sum -c` format over both). Logged.
    ///
    /// The ZIP is streamed to a partial file beside `file` and renamed to `file` when complete,
    /// so memory stays flat and a failed export leaves nothing under `file`.
    /// - Parameters:
    ///   - query: which records (all pages).
    ///   - file: where the ZIP goes (replaced if it exists).
    ///   - progress: called with the number of records written so far.
    /// - Throws: ``ArchiveError`` (``ArchiveError/Code/exportFailed`` when the file cannot be written).
    public func export(_ query: ArchiveQuery, to file: URL, progress: (@Sendable (Int) -> Void)? = nil) async throws -> ArchiveExportSummary {
        let zip = try ZipExportWriter(destination: file)
        do {
            let (records, bytes) = try await write(query, into: zip, progress: progress)
            // Logged before the ZIP appears under its name: no export exists that the access log lacks.
            try await log(.export, ["query": Self.describe(query), "records": String(records)])
            return ArchiveExportSummary(records: records, documentBytes: bytes, zipBytes: try zip.finish())
        } catch {
            zip.abandon()
            throw error
        }
    }

    /// Writes the documents, `index.csv` and `SHA256SUMS`; returns the records and document bytes written.
    private func write(_ query: ArchiveQuery, into zip: ZipExportWriter, progress: (@Sendable (Int) -> Void)?) async throws -> (Int, Int) {
        var csv = "\u{FEFF}" + ArchiveCSV.line(ArchiveCSV.indexColumns)
        var sums = ""
        var page = query
        page.limit = 500
        page.offset = 0
        var count = 0, bytes = 0
        let now = clock.now()
        while true {
            let result = try await index.search(try page.resolved())
            for record in result.records {
                let document = try await decrypt(record)
                let ext = (record.document.fileName as NSString).pathExtension
                let name = "files/\(record.id.rawValue).\(ext.isEmpty || !ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) ? "bin" : ext.lowercased())"
                try zip.add(name, document, modified: record.ingestedAt)
                sums += "\(record.document.sha256)  \(name)\n"
                csv += ArchiveCSV.line(ArchiveCSV.indexRow(record, file: name))
                count += 1
                bytes += document.count
                progress?(count)
            }
            guard result.hasMore else { break }
            page.offset += page.limit
        }
        let csvBytes = Array(csv.utf8)
        try zip.add("index.csv", csvBytes, modified: now, compress: true)
        sums += "\(HexDigest.sha256(csvBytes))  index.csv\n"
        try zip.add("SHA256SUMS", Array(sums.utf8), modified: now, compress: true)
        return (count, bytes)
    }
}
