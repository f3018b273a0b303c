import SwiftASN1
import X509

/// A CMS `ContentInfo` holding `SignedData` (RFC 5652): a detached or enveloping signature
/// with its certificates, revocation data and signers.
///
/// Parse one with ``init(berEncoded:)`` (BER as found in the wild: indefinite lengths,
/// constructed OCTET STRINGs) and write it with ``derEncoded()``. A DER input serializes
/// back to the same bytes. Values are immutable; methods such as
/// ``addingUnsignedAttribute(type:valueDER:signerIndex:)`` return a new value.
public struct CMSSignature: Hashable, Sendable {
    package var signedData: CMSSignedData {
        didSet { certificates = Self.parseCertificates(signedData) }
    }

    /// Every X.509 certificate carried in `certificates`, in order, parsed once. Other
    /// certificate formats and unparseable entries are skipped (see ``unparseableCertificateCount``).
    public private(set) var certificates: [Certificate]

    package init(signedData: CMSSignedData) {
        self.signedData = signedData
        self.certificates = Self.parseCertificates(signedData)
    }

    /// A signature whose embedded certificates are already known as parsed values.
    package init(signedData: CMSSignedData, certificates: [Certificate]) {
        self.signedData = signedData
        self.certificates = certificates
    }

    private static func parseCertificates(_ signedData: CMSSignedData) -> [Certificate] {
        (signedData.certificates ?? []).compactMap { try? Certificate(derEncoded: Array($0)) }
    }

    /// Parses a DER or BER encoded `ContentInfo` whose content type is id-signedData.
    ///
    /// - Throws: ``CMSError`` with ``CMSError/Code/malformedEncoding``,
    ///   ``CMSError/Code/limitExceeded`` or ``CMSError/Code/unexpectedContentType``.
    public init(berEncoded bytes: some Collection<UInt8>) throws {
        guard bytes.count <= CMSParsingLimits.maxEncodedSize else {
            throw CMSError(.limitExceeded, "CMS input of \(bytes.count) bytes exceeds \(CMSParsingLimits.maxEncodedSize)")
        }
        guard !bytes.isEmpty else { throw CMSError(.malformedEncoding, "empty CMS input") }
        let array = Array(bytes)
        do {
            let root = try BER.parse(array)
            guard root.encodedBytes.count == array.count else {
                throw CMSError(.malformedEncoding, "\(array.count - root.encodedBytes.count) trailing bytes after ContentInfo")
            }
            // ContentInfo ::= SEQUENCE { contentType, content [0] EXPLICIT ANY }, read node by node
            // so that the SignedData is parsed from the received encoding.
            let signedData = try BER.sequence(root, identifier: .sequence) { nodes in
                let contentType = try ASN1ObjectIdentifier(berEncoded: &nodes)
                guard contentType == CMSObjectIdentifier.ContentType.signedData else {
                    throw CMSError(.unexpectedContentType, "content type \(contentType) is not id-signedData")
                }
                return try BER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                    try CMSSignedData(berEncoded: $0)
                }
            }
            self.init(signedData: signedData)
        } catch let error as CMSError {
            throw error
        } catch {
            throw CMSError(.malformedEncoding, "not a CMS SignedData: \(error)")
        }
    }

    /// The DER encoding of the `ContentInfo`.
    public func derEncoded() throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.serialize(CMSContentInfo(signedData: signedData))
        return coder.serializedBytes
    }

    /// The encapsulated content type (id-data for detached signatures, id-ct-TSTInfo for timestamp tokens).
    public var contentType: ASN1ObjectIdentifier { signedData.encapContentInfo.eContentType }

    /// The encapsulated content, or `nil` for a detached signature.
    public var encapsulatedContent: [UInt8]? { signedData.encapContentInfo.eContent.map(Array.init) }

    /// Every X.509 certificate in `certificates` read field by field, including those
    /// swift-certificates refuses (``certificates`` leaves them out).
    package var rawCertificates: [RawCertificate] {
        (signedData.certificates ?? []).filter { $0.first == 0x30 }.compactMap { try? RawCertificate(encoded: $0) }
    }

    /// The encoding of each X.509 certificate in `certificates`, in order, including those
    /// swift-certificates cannot parse.
    public var certificateEncodings: [[UInt8]] {
        (signedData.certificates ?? []).filter { $0.first == 0x30 }.map(Array.init)
    }

    /// How many `certificates` entries are not parseable X.509 certificates.
    public var unparseableCertificateCount: Int {
        (signedData.certificates?.count ?? 0) - certificates.count
    }

    /// Each `crls` entry that is an X.509 CRL (`CertificateList`), as DER.
    public var crls: [[UInt8]] {
        (signedData.crls ?? []).filter { $0.first == 0x30 }.map(Array.init)
    }

    /// The signers.
    public var signers: [CMSSignerSummary] {
        signedData.signerInfos.map(CMSSignerSummary.init)
    }
}

extension ASN1Any {
    /// This value re-parsed as a node (BER), for feeding typed parsers.
    package func serializedNode() throws -> ASN1Node {
        try BER.parse(serializedBytes)
    }
}
