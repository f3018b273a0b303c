import CMSCore
import Foundation
import TimestampClient

extension ReportPrinter {
    static func text(_ report: TimestampValidationReport) -> String {
        var lines = ["indication: \(report.indication.rawValue)" + (report.subIndication.map { " / \($0.rawValue)" } ?? "")]
        if let token = report.token {
            lines.append("genTime: \(formatISO8601(token.genTime))")
            lines.append("serialNumber: \(token.serialNumberHex)")
            lines.append("policy: \(token.policy)")
        }
        if let tsa = report.tsaCertificate { lines.append("TSA: \(tsa.subject)") }
        for check in report.checks { lines.append("  [\(check.outcome.rawValue)] \(check.name): \(check.detail)") }
        return lines.joined(separator: "\n")
    }

    struct TimestampJSONReport: Encodable {
        var indication: String
        var subIndication: String?
        var genTime: String?
        var serialNumber: String?
        var policy: String?
        var tsa: String?
        var checks: [ValidationCheck]
    }

    static func json(_ report: TimestampValidationReport) throws -> String {
        try encode(TimestampJSONReport(
            indication: report.indication.rawValue, subIndication: report.subIndication?.rawValue,
            genTime: report.token.map { formatISO8601($0.genTime) },
            serialNumber: report.token?.serialNumberHex, policy: report.token.map { "\($0.policy)" },
            tsa: report.tsaCertificate.map { "\($0.subject)" }, checks: report.checks))
    }
}
