import CMSCore
import Foundation

/// How the CMS object in /Contents is built (ISO 32000-2 §12.8.3, ETSI EN 319 142-1).
public enum PDFSignatureSubFilter: String, Sendable, Codable, CaseIterable {
    /// `/ETSI.CAdES.detached`: PAdES baseline signatures (the default).
    case cadesDetached = "ETSI.CAdES.detached"
    /// `/adbe.pkcs7.detached`: the older PDF 1.x format (with a signing-time attribute).
    case pkcs7Detached = "adbe.pkcs7.detached"
    /// `/ETSI.RFC3161`: a document timestamp (made by `PDFLongTermValidation`, not by `PDFSigner`).
    case rfc3161 = "ETSI.RFC3161"
}

/// The PAdES baseline level to produce while signing.
public enum PAdESLevel: String, Sendable, Codable, CaseIterable {
    /// B-B: the signature alone.
    case b = "B-B"
    /// B-T: with a signature timestamp from a TSA.
    case t = "B-T"
    /// B-LT: B-T plus the validation data (chains, OCSP responses, CRLs) in the document security store.
    case lt = "B-LT"
    /// B-LTA: B-LT plus a document timestamp over everything.
    case lta = "B-LTA"

    /// Whether this level includes `other`.
    public func includes(_ other: PAdESLevel) -> Bool {
        let order: [PAdESLevel] = [.b, .t, .lt, .lta]
        return order.firstIndex(of: self)! >= order.firstIndex(of: other)!
    }
}

/// What a certification signature (DocMDP, ISO 32000-2 §12.8.2.2) still allows.
public enum PDFCertificationLevel: Int, Sendable, Codable, CaseIterable {
    /// P = 1: no changes at all (not even further signatures).
    case noChanges = 1
    /// P = 2: filling in forms, instantiating page templates and signing.
    case formFillingAndSigning = 2
    /// P = 3: as 2, plus annotations.
    case formFillingSigningAndAnnotations = 3
}

/// Which form fields a signature locks (FieldMDP, ISO 32000-2 §12.8.2.4 and Table 236).
public enum PDFFieldLock: Sendable, Hashable, Codable {
    /// Every field.
    case all
    /// Only the named fields (fully qualified names).
    case include([String])
    /// Every field except the named ones.
    case exclude([String])
}

/// The choices for one PDF signature.
public struct PDFSignatureOptions: Sendable {
    /// The signature field: an existing empty signature field with this fully qualified name,
    /// or the name of a new one. `nil` creates `Signature1`, `Signature2`, …
    public var fieldName: String?
    /// A visible appearance; `nil` makes an invisible signature.
    public var appearance: PDFSignatureAppearance?
    /// /Name: the signer's name as shown by viewers (defaults to nothing: viewers use the certificate).
    public var signerName: String?
    /// /Reason.
    public var reason: String?
    /// /Location.
    public var location: String?
    /// /ContactInfo.
    public var contactInfo: String?
    /// /SubFilter.
    public var subFilter: PDFSignatureSubFilter = .cadesDetached
    /// A certification signature with these permissions (only as the document's first signature).
    public var certification: PDFCertificationLevel?
    /// Fields this signature locks.
    public var fieldLock: PDFFieldLock?
    /// The digest algorithm for the byte ranges and the signed attributes, or `nil` (the
    /// default) for the key's own: `PDFSigner` uses SHA-512 for Ed25519 keys (RFC 8419) and
    /// SHA-256 for the others; `PDFSignaturePreparer`, which sees no key, uses SHA-256.
    public var digestAlgorithm: DigestAlgorithm?

    /// ``digestAlgorithm``, or SHA-256 when none was chosen.
    var resolvedDigestAlgorithm: DigestAlgorithm { digestAlgorithm ?? .sha256 }
    /// Sign with RSASSA-PSS instead of PKCS#1 v1.5 (RSA keys only).
    public var usesRSAPSS: Bool = false
    /// The claimed signing time for /M (and, for adbe.pkcs7.detached, the signing-time attribute).
    /// PAdES signatures carry no signing-time attribute; B-T proves the time.
    public var signingTime: Date?
    /// Bytes reserved for the CMS object in /Contents; `nil` estimates from the certificates,
    /// the key and the timestamp, and retries with more room if the signature does not fit.
    public var contentsCapacity: Int?

    /// The commitment-type-indication signed attribute (ETSI EN 319 122-1 §5.2.3), for
    /// example `CMSCommitmentType.proofOfApproval` for a party agreeing to a contract.
    public var commitmentType: CMSCommitmentType?
    /// Roles the signer claims, written as the claimedAttributes of signer-attributes-v2
    /// (EN 319 122-1 §5.2.6.1; ETSI EN 319 142-1 §5.2.2 lets PAdES carry it), e.g. 代表取締役.
    public var claimedRoles: [String] = []
    /// Further signed attributes of the application's own types.
    public var additionalSignedAttributes: [CMSRawAttribute] = []

    /// Default options: a new invisible PAdES signature field.
    public init() {}
}
