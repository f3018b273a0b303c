import ArgumentParser
import CMSCore
import EvidenceRecords
import Foundation
import TimestampClient

/// `econtract ers verify FILE… --ers FILE.ers [--trust ROOT] [--at TIME] [--json]`.
struct ERSVerifyCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify an evidence record over the file(s) it protects.",
        discussion: """
            Without --trust, trust is not judged, but the hash trees and the timestamps' signatures are (exit 0 when intact). \
            With --trust, exit 0 only when TOTAL-PASSED: every timestamp valid at the time the next one proves, the last at --at.
            """
    )

    @Argument(help: "The protected file(s): one, or every member of a group.")
    var files: [String]

    @Option(name: .long, help: "The evidence record (.ers, DER).")
    var ers: String

    @Option(name: .long, help: "Trust anchor for the TSAs (PEM or DER; repeatable).")
    var trust: [String] = []

    @Option(name: .long, help: "The time of the validation (ISO 8601; default now).")
    var at: String?

    @Flag(name: .long, help: "Print the JSON report.")
    var json = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        var valid = false
        try await runReportingErrors {
            let record = try EvidenceRecord(derEncoded: try readFile(ers))
            let anchors = try trust.flatMap { try PEMFiles.certificates(inFile: $0) }
            let policy = EvidenceRecordVerificationPolicy(
                timestamps: anchors.isEmpty ? nil : TimestampVerificationPolicy(trustAnchors: anchors),
                validationTime: try at.map(parseISO8601))
            let report = await EvidenceRecordVerifier(policy: policy).verify(record, dataObjects: try files.map { .bytes(try readFile($0)) })
            print(json ? try ReportPrinter.encode(ERSJSONReport(report)) : ERSReportPrinter.text(report, files: files))
            valid = report.isValid
        }
        if !valid { throw CLIExit.invalid }
    }
}

/// The stable JSON form of an evidence-record report.
struct ERSJSONReport: Encodable {
    var valid: Bool
    var intact: Bool
    var trustJudged: Bool
    var indication: String
    var subIndication: String?
    var validationTime: String
    var archiveTimeStamps: [Stamp]
    var checks: [ValidationCheck]

    struct Stamp: Encodable {
        var chain: Int, index: Int, kind: String, genTime: String, digestAlgorithm: String
        var hashTreeIntact: Bool, signatureIntact: Bool, tsa: String?, tsaCertificateNotAfter: String?, mustBeValidAt: String
        var indication: String, subIndication: String?
    }

    init(_ report: EvidenceRecordValidationReport) {
        valid = report.isValid
        intact = report.isIntact
        trustJudged = report.trustJudged
        indication = report.indication.rawValue
        subIndication = report.subIndication?.rawValue
        validationTime = formatISO8601(report.validationTime)
        checks = report.checks
        archiveTimeStamps = report.archiveTimeStamps.map {
            Stamp(chain: $0.chain, index: $0.index, kind: $0.kind.rawValue, genTime: formatISO8601($0.genTime), digestAlgorithm: $0.digestAlgorithm,
                  hashTreeIntact: $0.hashTreeIntact, signatureIntact: $0.signatureIntact, tsa: $0.tsa,
                  tsaCertificateNotAfter: $0.tsaCertificateNotAfter.map(formatISO8601), mustBeValidAt: formatISO8601($0.mustBeValidAt),
                  indication: $0.indication.rawValue, subIndication: $0.subIndication?.rawValue)
        }
    }
}

enum ERSReportPrinter {
    static func text(_ report: EvidenceRecordValidationReport, files: [String]) -> String {
        let verdict = report.isValid ? "VALID" : "NOT VALID"
        var lines = ["\(files.joined(separator: ", ")): \(verdict)\(report.trustJudged ? "" : " (trust not judged: no --trust given)") — "
                     + "\(report.indication.rawValue)\(report.subIndication.map { "/\($0.rawValue)" } ?? ""), intact: \(report.isIntact)"]
        for stamp in report.archiveTimeStamps {
            lines.append("archive timestamp \(stamp.chain).\(stamp.index) (\(stamp.kind.rawValue), \(stamp.digestAlgorithm)) at \(formatISO8601(stamp.genTime)): "
                         + "\(stamp.indication.rawValue)\(stamp.subIndication.map { "/\($0.rawValue)" } ?? ""); hash tree \(stamp.hashTreeIntact ? "ok" : "FAILED"), "
                         + "signature \(stamp.signatureIntact ? "ok" : "FAILED"); must be valid at \(formatISO8601(stamp.mustBeValidAt))"
                         + (stamp.tsaCertificateNotAfter.map { "; TSA certificate until \(formatISO8601($0))" } ?? ""))
        }
        for check in report.checks where check.outcome == .failed { lines.append("  ! \(check.name): \(check.detail)") }
        return lines.joined(separator: "\n")
    }
}
