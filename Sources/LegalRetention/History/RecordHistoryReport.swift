import Foundation
import PDFSign

/// A record's history (訂正削除の履歴) as CSV and as a printable PDF.
public struct RecordHistoryReport: Sendable {
    /// The record as it is now.
    public var record: ArchiveRecord
    /// Its versions, oldest first.
    public var entries: [RecordCorrection]

    /// A report.
    public init(record: ArchiveRecord, entries: [RecordCorrection]) {
        self.record = record
        self.entries = entries
    }

    /// One row per changed field per version: version, time (UTC, ISO 8601), who, reason, field, before, after. UTF-8 with BOM.
    public func csv() -> [UInt8] {
        var text = "\u{FEFF}" + ArchiveCSV.line(["record", "version", "time", "actor", "reason", "field", "before", "after"])
        for entry in entries {
            for change in Self.changes(entry) {
                text += ArchiveCSV.line([record.id.rawValue, String(entry.version), Self.iso(entry.time), entry.actor, entry.reason, change.0, change.1, change.2])
            }
        }
        return Array(text.utf8)
    }

    /// The fields that differ between `entry.before` and `entry.after` (every field for the ingest).
    public static func changes(_ entry: RecordCorrection) -> [(String, String, String)] {
        let after = fields(entry.after)
        let before = entry.before.map(fields)
        return after.enumerated().compactMap { index, field in
            let old = before?[index].1 ?? ""
            return before == nil || old != field.1 ? (field.0, old, field.1) : nil
        }
    }

    static func fields(_ m: RecordMetadata) -> [(String, String)] {
        [("取引年月日", m.transactionDate.description), ("取引金額", m.amount.displayText), ("取引先", m.counterparty.name),
         ("書類の種類", m.documentType.rawValue), ("件名", m.title), ("受領日", m.receivedDate?.description ?? ""),
         ("事業年度末", m.fiscalYearEnd?.description ?? ""), ("欠損金", m.hasLossCarryforward ? "あり" : "なし"),
         ("任意項目", m.customFields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))]
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
        return formatter.string(from: date)
    }

    /// The history as a PDF made with PDFSign's composer (`fonts` must cover Japanese).
    /// - Throws: PDFSign's `PDFError` when the font lacks a character.
    public func pdf(fonts: PDFComposerFonts, created: Date) throws -> [UInt8] {
        let m = record.metadata
        var blocks: [PDFComposerBlock] = [
            .heading("訂正削除履歴"),
            .table(PDFComposerTable(columns: [.init(.fraction(0.3)), .init(.fraction(0.7))], rows: [
                ["記録ID", record.id.rawValue], ["取引先", m.counterparty.name], ["取引年月日", m.transactionDate.description],
                ["取引金額", m.amount.displayText], ["書類の種類", m.documentType.rawValue], ["文書のSHA-256", record.document.sha256],
                ["現在の版", String(record.version)], ["保存期間の終了日", record.retentionEnd.description],
                ["状態", record.disposedAt == nil ? (record.legalHold == nil ? "保存中" : "保存中（リーガルホールド）") : "廃棄済み"],
            ], fontSize: 9)),
        ]
        for entry in entries {
            blocks.append(.heading("第\(entry.version)版　\(Self.iso(entry.time))　\(entry.actor)", level: 2))
            blocks.append(.paragraph("理由: \(entry.reason)"))
            let rows = Self.changes(entry).map { [$0.0, $0.1, $0.2] }
            if !rows.isEmpty {
                blocks.append(.table(PDFComposerTable(columns: [.init(.fraction(0.2)), .init(.fraction(0.4)), .init(.fraction(0.4))],
                                                      header: ["項目", "訂正前", "訂正後"], rows: rows, fontSize: 8.5)))
            }
        }
        var document = PDFComposedDocument(blocks: blocks, fonts: fonts, metadata: PDFDocumentMetadata(title: "訂正削除履歴 \(record.id)", creationDate: created))
        document.footer = PDFRunningText(left: "電子取引データ 訂正削除履歴", right: "{page} / {pages}")
        return try document.pdfBytes()
    }
}
