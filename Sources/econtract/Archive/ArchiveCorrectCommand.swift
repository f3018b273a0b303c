import ContractDefaults
import ArgumentParser
import ContractModel
import Foundation
import LegalRetention
import PDFSign

/// `econtract archive correct ID --field F --value V --reason R`.
struct ArchiveCorrectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct", abstract: "Correct one metadata field; the record gets a new version, the old one stays in its history.",
        discussion: "Fields: transaction_date, amount, currency, counterparty, document_type, title, received_date, fiscal_year_end, loss_carryforward (true/false), or custom.NAME.")

    @OptionGroup var options: ArchiveOptions
    @Argument(help: "The record id.") var id: String
    @Option(help: "The field.") var field: String
    @Option(help: "The new value.") var value: String
    @Option(help: "Why (recorded).") var reason: String

    func run() async throws {
        try await runArchive {
            let field = field, value = value
            let record = try await options.open().correct(ArchiveRecordID(id), reason: reason) { m in
                switch field {
                case "transaction_date": m.transactionDate = try CivilDate(archiveInput: value)
                case "amount": m.amount = try Money(parsing: value, currency: m.amount.currency)
                case "currency": m.amount = Money(minorUnits: m.amount.minorUnits, currency: try CurrencyCode(value))
                case "counterparty": m.counterparty = try Counterparty(value)
                case "document_type": m.documentType = DocumentType(value)
                case "title": m.title = value
                case "received_date": m.receivedDate = value.isEmpty ? nil : try CivilDate(archiveInput: value)
                case "fiscal_year_end": m.fiscalYearEnd = value.isEmpty ? nil : try CivilDate(archiveInput: value)
                case "loss_carryforward":
                    guard let flag = Bool(value) else { throw ArchiveError(.invalidArgument, "loss_carryforward is true or false") }
                    m.hasLossCarryforward = flag
                case let name where name.hasPrefix("custom."):
                    m.customFields[String(name.dropFirst(7))] = value.isEmpty ? nil : value
                default: throw ArchiveError(.invalidArgument, "unknown field \(field)")
                }
            }
            try options.output(RecordView(record)) { "corrected: \(RecordView(record).line) (version \(record.version))" }
        }
    }
}

/// `econtract archive history ID [--pdf OUT] [--csv OUT]`.
struct ArchiveHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Show a record's versions; write them as PDF or CSV.")

    @OptionGroup var options: ArchiveOptions
    @Argument(help: "The record id.") var id: String
    @Option(help: "Write the history as a PDF.") var pdf: String?
    @Option(help: "Write the history as CSV (UTF-8 with BOM).") var csv: String?
    @Option(help: "A TrueType/OpenType font for the PDF (default: a Japanese system font).") var font: String?

    func run() async throws {
        try await runArchive {
            let archive = try await options.open()
            let record = try await archive.show(ArchiveRecordID(id))
            let report = RecordHistoryReport(record: record, entries: try await archive.history(record.id))
            if let pdf {
                try writeFile(pdf, try report.pdf(fonts: PDFComposerFonts(regular: try FontChoice.japanese(file: font)), created: archive.clock.now()))
            }
            if let csv { try writeFile(csv, report.csv()) }
            try options.output(report.entries) {
                report.entries.map { entry in
                    "v\(entry.version) \(entry.time) \(entry.actor): \(entry.reason)"
                        + RecordHistoryReport.changes(entry).map { "\n    \($0.0): \($0.1) → \($0.2)" }.joined()
                }.joined(separator: "\n")
            }
        }
    }
}

/// `econtract archive hold ID --reason R [--release]`.
struct ArchiveHoldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hold", abstract: "Set (or --release) a legal hold: deletion is refused while it is set.")

    @OptionGroup var options: ArchiveOptions
    @Argument(help: "The record id.") var id: String
    @Option(help: "Why (recorded).") var reason: String
    @Flag(help: "Release the hold instead.") var release = false

    func run() async throws {
        try await runArchive {
            let archive = try await options.open()
            if release { try await archive.release(ArchiveRecordID(id), reason: reason) } else { try await archive.hold(ArchiveRecordID(id), reason: reason) }
            let record = try await archive.show(ArchiveRecordID(id))
            try options.output(RecordView(record)) { release ? "hold released on \(id)" : "hold set on \(id)" }
        }
    }
}

/// `econtract archive delete ID --reason R [--as-of D]`.
struct ArchiveDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Dispose of a record after its retention end (refused before it or under a hold; always recorded).",
        discussion: "Exit 1 when refused. --report lists what may be disposed of on the day instead of deleting.")

    @OptionGroup var options: ArchiveOptions
    @Argument(help: "The record id (omit with --report).") var id: String?
    @Option(help: "Why (recorded).") var reason: String?
    @Flag(help: "Print the disposal report for the day instead.") var report = false

    func run() async throws {
        try await runArchive {
            let archive = try await options.open()
            if report {
                let result = try await archive.disposalReport(asOf: try options.asOfDay())
                struct View: Codable { var asOf: String; var eligible: [RecordView]; var held: [RecordView]; var disposed: [DisposalRecord] }
                let view = View(asOf: result.asOf.description, eligible: result.eligible.map(RecordView.init), held: result.held.map(RecordView.init),
                                disposed: result.disposed)
                try options.output(view) {
                    "as of \(view.asOf): \(view.eligible.count) eligible, \(view.held.count) held, \(view.disposed.count) disposed\n"
                        + view.eligible.map { "eligible  " + $0.line }.joined(separator: "\n")
                }
                return
            }
            guard let id, let reason else { throw ArchiveError(.invalidArgument, "give ID and --reason (or --report)") }
            let disposal = try await archive.delete(ArchiveRecordID(id), reason: reason, asOf: try options.asOfDay())
            try options.output(disposal) { "disposed of \(id) (sha256 \(disposal.documentSHA256)); data key and blob destroyed" }
        }
    }
}
