import CMSCore
import Foundation
import TimestampClient

extension PDFSignatureValidator.Context {
    /// Whether a signature timestamp proves time (and counts toward B-T): TOTAL-PASSED — or,
    /// when trust is not judged, intact (not TOTAL-FAILED). An INDETERMINATE timestamp under
    /// a trust policy proves nothing (ETSI EN 319 102-1 §5.6.2.4: only a validated
    /// timestamp is a proof of existence).
    func timestampCounts(_ report: TimestampValidationReport) -> Bool {
        trustJudged ? report.isValid : report.indication != .totalFailed
    }

    /// The same rule for a document timestamp's report.
    func documentTimestampCounts(_ report: PDFSignatureReport) -> Bool {
        trustJudged ? report.indication == .totalPassed
            : report.intact && report.indication != .totalFailed
    }

    /// The signature's verdict lowered by its signature timestamps: a broken one (TOTAL-FAILED)
    /// means the unsigned attributes were tampered with, so the signature fails; one that
    /// cannot be validated under a trust policy (INDETERMINATE: a signer that is not a TSA, no
    /// chain, no revocation data) is a claim left unproven, so the signature cannot pass.
    func lowered(_ report: PDFSignatureReport, byTimestamps tokens: [TimestampValidationReport]) -> PDFSignatureReport {
        var report = report
        let failed = ValidationIndication.totalFailed
        if let broken = tokens.first(where: { $0.indication == .totalFailed }), report.indication != failed {
            report.indication = failed
            report.subIndication = broken.subIndication ?? .sigCryptoFailure
        } else if trustJudged, let unproven = tokens.first(where: { $0.indication == .indeterminate }),
                  report.indication == .totalPassed {
            report.indication = .indeterminate
            report.subIndication = unproven.subIndication
        }
        return report
    }

    /// A finding for every signature timestamp that does not count, saying why.
    func timestampFindings(_ tokens: [TimestampValidationReport]) -> [PDFValidationFinding] {
        tokens.enumerated().compactMap { index, token in
            guard !token.isValid, trustJudged || token.indication == .totalFailed else { return nil }
            let why = token.checks.filter { $0.outcome == .failed }.map { "\($0.name): \($0.detail)" }.joined(separator: "; ")
            let verdict = "\(token.indication.rawValue)\(token.subIndication.map { "/\($0.rawValue)" } ?? "")"
            if token.indication == .totalFailed {
                return PDFValidationFinding(.timestampInvalid, "signature timestamp #\(index + 1) is broken (\(verdict)): \(why); "
                    + "the signature's unsigned attributes were tampered with, so the signature fails")
            }
            return PDFValidationFinding(.timestampIndeterminate, "signature timestamp #\(index + 1) cannot be validated (\(verdict)): \(why); "
                + "its time is not used as proof of existence, it does not count toward B-T, and the signature cannot pass")
        }
    }
}
