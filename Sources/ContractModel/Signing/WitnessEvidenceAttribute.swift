import CMSCore
import SwiftASN1

/// The signed attribute that binds a witness (立会人型) signature to its authentication
/// evidence: the contract id and the ``WitnessEvidence/digest``.
///
/// ```
/// id-econtract-witnessEvidence OBJECT IDENTIFIER ::= { 1 3 6 1 4 1 99999 2 1 }  -- PLACEHOLDER arc
///
/// WitnessEvidenceAttribute ::= SEQUENCE {
///   contractId      UTF8String,
///   evidenceDigest  OCTET STRING,      -- SHA-256 of WitnessEvidence.canonicalEncoding
///   digestAlgorithm OBJECT IDENTIFIER  -- id-sha256 (2.16.840.1.101.3.4.2.1)
/// }
/// ```
///
/// The arc `1.3.6.1.4.1.99999` is a **placeholder** standing for EContractKit's private
/// enterprise arc until one is registered with IANA; `.2` holds ContractModel's signed
/// attributes. Validators that do not know the attribute ignore it (it is signed, so it cannot
/// be changed without breaking the signature). ``PDFSignerContractEngine`` adds it to every
/// witness signature; ``find(in:)`` reads it back from a validation report's
/// `otherSignedAttributes`.
public struct WitnessEvidenceAttribute: Hashable, Codable, Sendable {
    /// The attribute type: `1.3.6.1.4.1.99999.2.1` (placeholder private arc, see above).
    public static let attributeType: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 99999, 2, 1]

    /// The contract the witness signature belongs to.
    public var contractID: ContractID
    /// The digest of the evidence's canonical encoding.
    public var evidenceDigest: [UInt8]
    /// The digest algorithm (SHA-256 for evidence made by ContractModel).
    public var digestAlgorithm: String

    /// An attribute value.
    public init(contractID: ContractID, evidenceDigest: [UInt8], digestAlgorithm: ASN1ObjectIdentifier = CMSObjectIdentifier.Digest.sha256) {
        self.contractID = contractID
        self.evidenceDigest = evidenceDigest
        self.digestAlgorithm = digestAlgorithm.description
    }

    /// The attribute for `evidence` (its contract id and SHA-256 ``WitnessEvidence/digest``).
    public init(evidence: WitnessEvidence) {
        self.init(contractID: evidence.contractID, evidenceDigest: evidence.digest)
    }

    /// ``evidenceDigest`` in lower-case hex.
    public var evidenceDigestHex: String { Hex.encode(evidenceDigest) }

    /// Whether this attribute names `evidence`: same contract, SHA-256, same digest.
    public func matches(_ evidence: WitnessEvidence) -> Bool {
        contractID == evidence.contractID && digestAlgorithm == CMSObjectIdentifier.Digest.sha256.description
            && ConstantTime.equal(evidenceDigest, evidence.digest)
    }

    /// The DER encoding of the attribute value.
    public func derEncoded() throws -> [UInt8] {
        let algorithm: ASN1ObjectIdentifier
        do { algorithm = try ASN1ObjectIdentifier(dotRepresentation: digestAlgorithm) } catch {
            throw ContractError(.invalidArgument, "the digest algorithm \(digestAlgorithm) is not an object identifier")
        }
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(ASN1UTF8String(contractID.rawValue))
            try coder.serialize(ASN1OctetString(contentBytes: evidenceDigest[...]))
            try coder.serialize(algorithm)
        }
        return serializer.serializedBytes
    }

    /// The signed attribute to put into `PDFSignatureOptions.additionalSignedAttributes`.
    public func signedAttribute() throws -> CMSRawAttribute {
        try CMSRawAttribute(type: Self.attributeType, valueDER: try derEncoded())
    }

    /// Decodes an attribute value.
    ///
    /// - Throws: ``ContractError`` with `invalidArgument` when `der` is not a well-formed value.
    public init(derEncoded der: [UInt8]) throws {
        do {
            let root = try DER.parse(der)
            self = try DER.sequence(root, identifier: .sequence) { nodes in
                let contract = try ASN1UTF8String(derEncoded: &nodes)
                let digest = try ASN1OctetString(derEncoded: &nodes)
                let algorithm = try ASN1ObjectIdentifier(derEncoded: &nodes)
                return WitnessEvidenceAttribute(contractID: ContractID(String(contract)), evidenceDigest: Array(digest.bytes),
                                                digestAlgorithm: algorithm)
            }
        } catch let error as ContractError {
            throw error
        } catch {
            throw ContractError(.invalidArgument, "the witness evidence attribute is not a well-formed SEQUENCE { UTF8String, OCTET STRING, OID }: \(error)")
        }
    }

    /// The witness evidence attribute among a signature's other signed attributes
    /// (`PDFSignatureReport.otherSignedAttributes`), or `nil` when there is none.
    ///
    /// - Throws: ``ContractError`` with `invalidArgument` when the attribute is present but malformed.
    public static func find(in attributes: [CMSRawAttribute]) throws -> WitnessEvidenceAttribute? {
        guard let raw = attributes.first(where: { $0.type == attributeType }) else { return nil }
        return try WitnessEvidenceAttribute(derEncoded: raw.valueDER)
    }
}
