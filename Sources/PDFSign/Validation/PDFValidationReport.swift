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
            trustJudged ? $0.indication == ValidationIndication.totalPassed.rawValue
                : $0.intactWithAllowedChanges && $0.indication != ValidationIndication.totalFailed.rawValue
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

/// One signature's or document timestamp's validation result.
public struct PDFSignatureReport: Sendable, Codable, Hashable {
    /// How much of the file the signature covers.
    public enum Coverage: String, Sendable, Codable, Hashable {
        /// Every byte of the file except /Contents.
        case entireFile
        /// Everything up to the end of an earlier revision (`%%EOF`); later updates are judged by ``modifications``.
        case entireRevision
        /// Anything else: a forgery sign.
        case partial
    }

    /// The fully qualified field name.
    public var field: String
    /// Whether the digest of the byte ranges matches the signed digest and the byte ranges are well-formed.
    public var intact: Bool
    /// How much of the file is signed.
    public var coverage: Coverage
    /// What was changed after the signed revision.
    public var modifications: PDFModificationReport.Level
    /// Everything found, in order.
    public var findings: [PDFValidationFinding]
    /// The PAdES baseline level reached (`B-B`, `B-T`, `B-LT`, `B-LTA`), or `none`.
    public var level: String
    /// ETSI EN 319 102-1 indication.
    public var indication: String
    /// ETSI EN 319 102-1 sub-indication.
    public var subIndication: String?
    /// /SubFilter.
    public var subFilter: String?
    /// /ByteRange as written.
    public var byteRange: [Int]
    /// The signer's (or TSA's) certificate subject.
    public var signer: String?
    /// /M, the claimed signing time (not proven).
    public var claimedSigningTime: Date?
    /// The time proven by the signature timestamp (or, for a document timestamp, its own time).
    public var timestampTime: Date?
    /// The time the chain and revocation were checked for (a proof of existence, or now).
    public var validationTime: Date?

    /// Intact, and no modification beyond what the permissions allow.
    public var intactWithAllowedChanges: Bool { intact && coverage != .partial && modifications != .disallowed }
}
