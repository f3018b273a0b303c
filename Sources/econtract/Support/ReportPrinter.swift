import CMSCore
import Foundation

/// Renders validation reports for people (text) and scripts (JSON with a stable schema).
enum ReportPrinter {
    static func text(_ report: CMSValidationReport) -> String {
        var lines = ["indication: \(report.indication.rawValue)" + (report.subIndication.map { " / \($0.rawValue)" } ?? "")]
        if let signer = report.signerCertificate { lines.append("signer: \(signer.subject)") }
        if let algorithm = report.signatureAlgorithm { lines.append("algorithm: \(algorithm)") }
        lines.append("validation time: \(formatISO8601(report.validationTime))")
        if let claimed = report.claimedSigningTime { lines.append("claimed signing time: \(formatISO8601(claimed))") }
        for check in report.checks {
            lines.append("  [\(check.outcome.rawValue)] \(check.name): \(check.detail)")
        }
        return lines.joined(separator: "\n")
    }

    struct JSONReport: Encodable {
        var indication: String
        var subIndication: String?
        var signer: String?
        var signatureAlgorithm: String?
        var validationTime: String
        var claimedSigningTime: String?
        var chain: [String]
        var checks: [ValidationCheck]
        var revocation: [Revocation]

        struct Revocation: Encodable {
            var certificate: String
            var status: String
            var source: String
            var detail: String?
        }
    }

    static func json(_ report: CMSValidationReport) throws -> String {
        let value = JSONReport(
            indication: report.indication.rawValue,
            subIndication: report.subIndication?.rawValue,
            signer: report.signerCertificate.map { "\($0.subject)" },
            signatureAlgorithm: report.signatureAlgorithm.map { "\($0)" },
            validationTime: formatISO8601(report.validationTime),
            claimedSigningTime: report.claimedSigningTime.map(formatISO8601),
            chain: report.chain.map { "\($0.subject)" },
            checks: report.checks,
            revocation: report.revocation.map { result in
                let (status, detail): (String, String?) = switch result.status.outcome {
                case .good: ("good", nil)
                case .revoked(let time, let reason): ("revoked", "\(formatISO8601(time))\(reason.map { " \($0)" } ?? "")")
                case .unknown(let reason): ("unknown", reason)
                }
                return .init(certificate: "\(result.certificate.subject)", status: status, source: result.status.source.rawValue, detail: detail)
            })
        return try encode(value)
    }

    /// Pretty, key-sorted JSON: the stable form scripts read.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
