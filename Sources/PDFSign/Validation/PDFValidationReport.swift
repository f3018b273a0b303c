import CMSCore
import Foundation

/// The result of validating every signature and document timestamp of a PDF.
///
/// Encoded as JSON (``jsonData()``) it has a stable schema: `signatures` and
/// `documentTimestamps` arrays of ``PDFSignatureReport``, `findings` about the document as a
/// whole, `trustJudged`, and `valid`.
public struct PDFValidationReport: Sendable, Codable {
    /// Regular signatures, in field order.
    public var signatures: [PDFSignatureReport]
    /// Document timestamps, in field order.
    public var documentTimestamps: [PDFSignatureReport]
    /// Findings about the document as a whole (for example: it could not be parsed); warnings among them do not fail it.
    public var findings: [PDFValidationFinding]
    /// Whether trust anchors were given (without them, chains are not judged).
    public var trustJudged: Bool
    /// The time validation was performed for ("now" unless the policy fixed it).
    public var validationTime: Date

    /// Every signature and document timestamp TOTAL-PASSED — or, without trust anchors, intact
    /// with no disallowed modification and not TOTAL-FAILED — and at least one signature, and
    /// no document finding other than warnings (``PDFValidationFinding/Code/isWarning``).
    public var valid: Bool {
        let all = signatures + documentTimestamps
        guard !signatures.isEmpty, findings.allSatisfy(\.code.isWarning) else { return false }
        return all.allSatisfy {
            trustJudged ? $0.indication == .totalPassed : $0.intactWithAllowedChanges && $0.indication != .totalFailed
        }
    }

    enum CodingKeys: String, CodingKey { case signatures, documentTimestamps, findings, trustJudged, validationTime, valid }

    public init(signatures: [PDFSignatureReport], documentTimestamps: [PDFSignatureReport], findings: [PDFValidationFinding],
                trustJudged: Bool, validationTime: Date) {
        self.signatures = signatures
        self.documentTimestamps = documentTimestamps
        self.findings = findings
        self.trustJudged = trustJudged
        self.validationTime = validationTime
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        signatures = try container.decode([PDFSignatureReport].self, forKey: .signatures)
        documentTimestamps = try container.decode([PDFSignatureReport].self, forKey: .documentTimestamps)
        findings = try container.decode([PDFValidationFinding].self, forKey: .findings)
        trustJudged = try container.decode(Bool.self, forKey: .trustJudged)
        validationTime = try container.decode(Date.self, forKey: .validationTime)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(signatures, forKey: .signatures)
        try container.encode(documentTimestamps, forKey: .documentTimestamps)
        try container.encode(findings, forKey: .findings)
        try container.encode(trustJudged, forKey: .trustJudged)
        try container.encode(validationTime, forKey: .validationTime)
        try container.encode(valid, forKey: .valid)
    }

    /// Pretty-printed JSON with sorted keys and ISO 8601 dates.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }
}
