import ArgumentParser
import Foundation
import LegalRetention

/// `econtract archive export --from D --to D [--counterparty T] --out FILE.zip`.
struct ArchiveExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export matching records as a ZIP: files/, index.csv (UTF-8 BOM) and SHA256SUMS (sha256sum -c).")

    @OptionGroup var options: ArchiveOptions
    @OptionGroup var conditions: ArchiveQueryOptions
    @Option(help: "The ZIP to write.") var out: String
    @Flag(help: "Report progress on stderr.") var progress = false

    struct Summary: Codable { var records: Int; var documentBytes: Int; var zipBytes: Int; var out: String }

    func run() async throws {
        try await runArchive {
            let show = progress
            let result = try await options.open().export(try conditions.query(), to: URL(fileURLWithPath: out)) { count in
                if show, count % 500 == 0 { FileHandle.standardError.write(Data("export: \(count)\n".utf8)) }
            }
            let summary = Summary(records: result.records, documentBytes: result.documentBytes, zipBytes: result.zipBytes, out: out)
            try options.output(summary) { "exported \(summary.records) record(s) to \(out)" }
        }
    }
}

/// `econtract archive verify [--progress]`.
struct ArchiveVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Re-hash every blob, decrypt and re-hash every document, validate signed PDFs, check the access log.",
        discussion: "Exit 1 when anything fails.")

    @OptionGroup var options: ArchiveOptions
    @Flag(help: "Report progress on stderr.") var progress = false
    @Flag(name: .customLong("processing-regulation"),
          help: "The company has a 事務処理規程: judge first timestamps by rule ロ too (2 months plus 7 business days), not only イ (7 business days).")
    var processingRegulation = false

    func run() async throws {
        try await runArchive {
            let show = progress
            let deadlines = TimestampDeadlineCheck(policy: processingRegulation ? .withProcessingRegulation : .promptly)
            let archive = try await options.open()
            let report = try await archive.verify(checks: [deadlines, EvidenceRecordCheck(archive: archive)]) { count in
                if show, count % 200 == 0 { FileHandle.standardError.write(Data("verify: \(count) records\n".utf8)) }
            }
            let output = ArchiveVerifyOutput(report: report, timestampDeadlines: deadlines.results)
            try options.output(output) { output.text }
            if !report.passed { throw CLIExit.invalid }
        }
    }
}
