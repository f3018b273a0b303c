import ArgumentParser
import CMSCore
import Foundation
import PDFSign

/// `econtract pdf verify`: validate every signature and document timestamp.
struct PDFVerifyCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Validate a PDF's signatures and document timestamps (offline, from the DSS).",
        discussion: """
            Without --trust, trust is not judged, but integrity, coverage and modifications are. \
            Exit 0 only when every signature is TOTAL-PASSED (without --trust: intact, with no disallowed modification).
            """
    )

    @Argument(help: "The PDF.")
    var file: String

    @Option(name: .long, help: "Trust anchor (PEM or DER; repeatable).")
    var trust: [String] = []

    @Option(name: .long, help: "The current time of the validation (ISO 8601; default now). Signatures with an earlier proof of existence are judged at that proof.")
    var at: String?

    @Flag(name: .long, help: "Also fetch revocation data over the network when the document lacks it.")
    var online = false

    @Flag(name: .long, help: "Print the JSON report.")
    var json = false

    @Option(name: .customLong("report-xml"), help: "Also write the ETSI TS 119 102-2 XML validation report to this file.")
    var reportXML: String?

    @OptionGroup var password: PDFPasswordOptions

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await runReportingErrors {
            var policy = PDFSignatureValidationPolicy(trustAnchors: try trust.flatMap { try PEMFiles.certificates(inFile: $0) })
            if let at { policy.validationTime = try parseISO8601(at) }
            if online { policy.revocation = .online(HTTPRevocationDataSource()) }
            let report = await PDFSignatureValidator(policy: policy).validate(try password.open(file))
            if let reportXML {
                do {
                    try report.etsiXML().write(to: URL(fileURLWithPath: reportXML))
                } catch {
                    throw ValidationError("cannot write the XML report to \(reportXML): \(error.localizedDescription)")
                }
            }
            if json {
                print(String(decoding: try report.jsonData(), as: UTF8.self))
            } else {
                print(PDFReportPrinter.text(report, file: file))
            }
            guard report.valid else { throw CLIExit.invalid }
        }
    }
}

/// The readable summary of a ``PDFValidationReport``.
enum PDFReportPrinter {
    static func text(_ report: PDFValidationReport, file: String) -> String {
        var lines = ["\(file): \(report.valid ? "VALID" : "NOT VALID")\(report.trustJudged ? "" : " (trust not judged: no --trust given)")"]
        for finding in report.findings { lines.append("  ! \(finding)") }
        for (kind, items) in [("signature", report.signatures), ("document timestamp", report.documentTimestamps)] {
            for item in items {
                lines.append("\(kind) \(item.field): \(item.indication.rawValue)\(item.subIndication.map { "/\($0.rawValue)" } ?? "") level \(item.level?.rawValue ?? "none")")
                lines.append("  signer: \(item.signer ?? "?")")
                if let commitment = item.commitmentType { lines.append("  commitment: \(commitment.name)") }
                if !item.claimedRoles.isEmpty { lines.append("  claimed roles: \(item.claimedRoles.joined(separator: ", "))") }
                for attribute in item.otherSignedAttributes {
                    lines.append("  signed attribute \(attribute.type): \(Data(attribute.valueDER).base64EncodedString())")
                }
                lines.append("  intact: \(item.intact), coverage: \(item.coverage.rawValue), modifications: \(item.modifications.rawValue), /ByteRange \(item.byteRange)")
                if let time = item.timestampTime { lines.append("  timestamp: \(ISO8601DateFormatter().string(from: time))") }
                for finding in item.findings { lines.append("  ! \(finding)") }
            }
        }
        return lines.joined(separator: "\n")
    }
}
