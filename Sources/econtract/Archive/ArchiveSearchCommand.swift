import ArgumentParser
import ContractModel
import Foundation
import LegalRetention

/// Search options shared by `search` and `export`.
struct ArchiveQueryOptions: ParsableArguments {
    @Option(help: "取引年月日 from (YYYY-MM-DD).") var from: String?
    @Option(help: "取引年月日 to (YYYY-MM-DD).") var to: String?
    @Option(name: .customLong("min-amount"), help: "取引金額 at least.") var minAmount: String?
    @Option(name: .customLong("max-amount"), help: "取引金額 at most.") var maxAmount: String?
    @Option(help: "Currency of the amount bounds.") var currency: String = "JPY"
    @Option(help: "取引先 substring (normalised; corporate form ignored).") var counterparty: String?
    @Option(help: "書類の種類.") var type: String?
    @Option(help: "Title substring.") var title: String?
    @Option(name: .customLong("field"), help: "A custom field NAME=VALUE that must match (repeatable).") var fields: [String] = []

    func query(limit: Int = 100, offset: Int = 0) throws -> ArchiveQuery {
        let code = try CurrencyCode(currency)
        var custom: [String: String] = [:]
        for field in fields {
            guard let equals = field.firstIndex(of: "=") else { throw ArchiveError(.invalidArgument, "--field must be NAME=VALUE") }
            custom[String(field[..<equals])] = String(field[field.index(after: equals)...])
        }
        return ArchiveQuery(from: try from.map { try CivilDate(archiveInput: $0) }, to: try to.map { try CivilDate(archiveInput: $0) },
                            minimumAmount: try minAmount.map { try Money(parsing: $0, currency: code) },
                            maximumAmount: try maxAmount.map { try Money(parsing: $0, currency: code) },
                            currency: minAmount == nil && maxAmount == nil ? nil : code, counterparty: counterparty, documentType: type.map { DocumentType($0) },
                            titleContains: title, customFields: custom, limit: limit, offset: offset)
    }
}

/// `econtract archive search …`.
struct ArchiveSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Search by 取引年月日, 取引金額, 取引先 and more (AND-combined).")

    @OptionGroup var options: ArchiveOptions
    @OptionGroup var conditions: ArchiveQueryOptions
    @Option(help: "Page size (1–1000).") var limit: Int = 100
    @Option(help: "Records to skip.") var offset: Int = 0

    struct Page: Codable {
        var records: [RecordView]
        var hasMore: Bool
        var offset: Int
    }

    func run() async throws {
        try await runArchive {
            let page = try await options.open().search(try conditions.query(limit: limit, offset: offset))
            let view = Page(records: page.records.map(RecordView.init), hasMore: page.hasMore, offset: offset)
            try options.output(view) {
                (view.records.map(\.line) + [view.hasMore ? "… more (--offset \(offset + limit))" : "\(view.records.count) record(s)"]).joined(separator: "\n")
            }
        }
    }
}

/// `econtract archive show ID [--out FILE]`.
struct ArchiveShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a record; --out writes its document.")

    @OptionGroup var options: ArchiveOptions
    @Argument(help: "The record id.") var id: String
    @Option(help: "Write the (decrypted, hash-checked) document here.") var out: String?

    func run() async throws {
        try await runArchive {
            let archive = try await options.open()
            let record = try await archive.show(ArchiveRecordID(id))
            if let out { try writeFile(out, try await archive.document(record.id)) }
            let view = RecordView(record)
            try options.output(view) {
                """
                \(view.id) (version \(view.version))
                  取引年月日 \(view.transactionDate)   取引金額 \(view.amount) \(view.currency)
                  取引先 \(view.counterparty) [\(view.counterpartyKey)\(view.corporateForm.map { ", \($0)" } ?? "")]
                  書類 \(view.documentType)  \(view.title)
                  sha256 \(view.sha256)  (\(view.byteCount) bytes)
                  保存期間 until \(view.retentionEnd)\(view.legalHold.map { "  legal hold: \($0)" } ?? "")\(view.disposed ? "  DISPOSED" : "")
                """
            }
        }
    }
}
