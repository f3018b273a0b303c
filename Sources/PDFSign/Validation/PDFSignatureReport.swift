import CMSCore
import Foundation

/// One signature's or document timestamp's validation result.
public struct PDFSignatureReport: Sendable, Hashable {
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
    /// The PAdES baseline level reached, or `nil` for none (encoded as `B-B`, `B-T`, `B-LT`,
    /// `B-LTA`, or `none`).
    public var level: PAdESLevel?
    /// ETSI EN 319 102-1 indication.
    public var indication: ValidationIndication
    /// ETSI EN 319 102-1 sub-indication.
    public var subIndication: ValidationSubIndication?
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
    /// The commitment type the signer indicated (commitment-type-indication, ETSI EN 319 122-1 §5.2.3).
    public var commitmentType: CMSCommitmentType?
    /// Roles the signer claims (signer-attributes-v2 claimedAttributes, id-at-role); empty when none.
    public var claimedRoles: [String] = []
    /// Other signed attributes: claimed attributes other than roles, and attribute types this
    /// library does not interpret (an application's own), as OID and base64 DER.
    public var otherSignedAttributes: [CMSRawAttribute] = []
    /// The signer's (or TSA's) certificate, DER, as the signature carries it. Not part of the
    /// JSON report (whose schema is pinned); the ETSI XML report embeds it as a validation object.
    public var signerCertificate: [UInt8]?

    /// Intact, and no modification beyond what the permissions allow.
    public var intactWithAllowedChanges: Bool { intact && coverage != .partial && modifications != .disallowed }

    /// A report with every field given.
    public init(field: String, intact: Bool, coverage: Coverage, modifications: PDFModificationReport.Level,
                findings: [PDFValidationFinding], level: PAdESLevel?, indication: ValidationIndication,
                subIndication: ValidationSubIndication?, subFilter: String?, byteRange: [Int], signer: String?,
                claimedSigningTime: Date?, timestampTime: Date?, validationTime: Date?) {
        self.field = field
        self.intact = intact
        self.coverage = coverage
        self.modifications = modifications
        self.findings = findings
        self.level = level
        self.indication = indication
        self.subIndication = subIndication
        self.subFilter = subFilter
        self.byteRange = byteRange
        self.signer = signer
        self.claimedSigningTime = claimedSigningTime
        self.timestampTime = timestampTime
        self.validationTime = validationTime
    }
}

extension PDFSignatureReport: Codable {
    /// The JSON keys, part of the stable schema (pinned by the report schema test).
    enum CodingKeys: String, CodingKey {
        case field, intact, coverage, modifications, findings, level, indication, subIndication, subFilter, byteRange, signer
        case claimedSigningTime, timestampTime, validationTime
        /// Present only when the signature carries them (added without changing the keys above).
        case commitmentType, claimedRoles, otherSignedAttributes
    }

    /// `level`'s JSON value when no PAdES level is reached.
    static let noLevel = "none"

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let levelName = try container.decode(String.self, forKey: .level)
        if levelName == Self.noLevel {
            level = nil
        } else if let parsed = PAdESLevel(rawValue: levelName) {
            level = parsed
        } else {
            throw DecodingError.dataCorruptedError(forKey: .level, in: container, debugDescription: "unknown PAdES level \(levelName)")
        }
        field = try container.decode(String.self, forKey: .field)
        intact = try container.decode(Bool.self, forKey: .intact)
        coverage = try container.decode(Coverage.self, forKey: .coverage)
        modifications = try container.decode(PDFModificationReport.Level.self, forKey: .modifications)
        findings = try container.decode([PDFValidationFinding].self, forKey: .findings)
        indication = try container.decode(ValidationIndication.self, forKey: .indication)
        subIndication = try container.decodeIfPresent(ValidationSubIndication.self, forKey: .subIndication)
        subFilter = try container.decodeIfPresent(String.self, forKey: .subFilter)
        byteRange = try container.decode([Int].self, forKey: .byteRange)
        signer = try container.decodeIfPresent(String.self, forKey: .signer)
        claimedSigningTime = try container.decodeIfPresent(Date.self, forKey: .claimedSigningTime)
        timestampTime = try container.decodeIfPresent(Date.self, forKey: .timestampTime)
        validationTime = try container.decodeIfPresent(Date.self, forKey: .validationTime)
        commitmentType = try container.decodeIfPresent(CMSCommitmentType.self, forKey: .commitmentType)
        claimedRoles = try container.decodeIfPresent([String].self, forKey: .claimedRoles) ?? []
        otherSignedAttributes = try container.decodeIfPresent([CMSRawAttribute].self, forKey: .otherSignedAttributes) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(intact, forKey: .intact)
        try container.encode(coverage, forKey: .coverage)
        try container.encode(modifications, forKey: .modifications)
        try container.encode(findings, forKey: .findings)
        try container.encode(level?.rawValue ?? Self.noLevel, forKey: .level)
        try container.encode(indication, forKey: .indication)
        try container.encodeIfPresent(subIndication, forKey: .subIndication)
        try container.encodeIfPresent(subFilter, forKey: .subFilter)
        try container.encode(byteRange, forKey: .byteRange)
        try container.encodeIfPresent(signer, forKey: .signer)
        try container.encodeIfPresent(claimedSigningTime, forKey: .claimedSigningTime)
        try container.encodeIfPresent(timestampTime, forKey: .timestampTime)
        try container.encodeIfPresent(validationTime, forKey: .validationTime)
        try container.encodeIfPresent(commitmentType, forKey: .commitmentType)
        if !claimedRoles.isEmpty { try container.encode(claimedRoles, forKey: .claimedRoles) }
        if !otherSignedAttributes.isEmpty { try container.encode(otherSignedAttributes, forKey: .otherSignedAttributes) }
    }
}
