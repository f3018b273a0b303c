import SwiftASN1

/// `SignedData` (RFC 5652 §5.1).
///
/// ```
/// SignedData ::= SEQUENCE {
///   version CMSVersion,
///   digestAlgorithms DigestAlgorithmIdentifiers,
///   encapContentInfo EncapsulatedContentInfo,
///   certificates [0] IMPLICIT CertificateSet OPTIONAL,
///   crls [1] IMPLICIT RevocationInfoChoices OPTIONAL,
///   signerInfos SignerInfos }
/// ```
/// `certificates` and `crls` are kept as the received element encodings, in the received
/// order, so a DER input serializes back to the same bytes.
package struct CMSSignedData: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }
    static let certificatesTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    static let crlsTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)

    package var version: Int
    package var digestAlgorithms: [CMSAlgorithmIdentifier]
    package var encapContentInfo: CMSEncapsulatedContentInfo
    /// Each `CertificateChoices` element as encoded.
    package var certificates: [ArraySlice<UInt8>]?
    /// Each `RevocationInfoChoice` element as encoded (a CRL, or `[1] OtherRevocationInfoFormat`).
    package var crls: [ArraySlice<UInt8>]?
    package var signerInfos: [CMSSignerInfo]

    package init(
        version: Int, digestAlgorithms: [CMSAlgorithmIdentifier], encapContentInfo: CMSEncapsulatedContentInfo,
        certificates: [ArraySlice<UInt8>]?, crls: [ArraySlice<UInt8>]?, signerInfos: [CMSSignerInfo]
    ) {
        self.version = version
        self.digestAlgorithms = digestAlgorithms
        self.encapContentInfo = encapContentInfo
        self.certificates = certificates
        self.crls = crls
        self.signerInfos = signerInfos
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let version = try Int(berEncoded: &nodes)
            guard (1...5).contains(version) else {
                throw ASN1Error.invalidASN1Object(reason: "SignedData version \(version) is not 1, 3, 4 or 5")
            }
            let digestAlgorithms = try Self.elements(of: nodes.next(), tag: .set, limit: CMSParsingLimits.maxSigners) {
                try CMSAlgorithmIdentifier(berEncoded: $0)
            }
            let encap = try CMSEncapsulatedContentInfo(berEncoded: &nodes)
            var next = nodes.next()
            var certificates: [ArraySlice<UInt8>]?
            if let node = next, node.identifier == Self.certificatesTag {
                certificates = try Self.elements(of: node, tag: Self.certificatesTag, limit: CMSParsingLimits.maxCertificates) {
                    try BERNormalizer.derForm(of: $0.encodedBytes)
                }
                next = nodes.next()
            }
            var crls: [ArraySlice<UInt8>]?
            if let node = next, node.identifier == Self.crlsTag {
                crls = try Self.elements(of: node, tag: Self.crlsTag, limit: CMSParsingLimits.maxRevocationInfos) {
                    try BERNormalizer.derForm(of: $0.encodedBytes)
                }
                next = nodes.next()
            }
            let signerInfos = try Self.elements(of: next, tag: .set, limit: CMSParsingLimits.maxSigners) {
                try CMSSignerInfo(berEncoded: $0)
            }
            guard nodes.next() == nil else {
                throw ASN1Error.invalidASN1Object(reason: "trailing elements in SignedData")
            }
            return CMSSignedData(
                version: version, digestAlgorithms: digestAlgorithms, encapContentInfo: encap,
                certificates: certificates, crls: crls, signerInfos: signerInfos)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(version)
            try coder.appendConstructedNode(identifier: .set) { coder in
                for algorithm in digestAlgorithms { try coder.serialize(algorithm) }
            }
            try coder.serialize(encapContentInfo)
            if let certificates {
                coder.appendConstructedNode(identifier: Self.certificatesTag) { coder in
                    for certificate in certificates { coder.serializeRawBytes(certificate) }
                }
            }
            if let crls {
                coder.appendConstructedNode(identifier: Self.crlsTag) { coder in
                    for crl in crls { coder.serializeRawBytes(crl) }
                }
            }
            try coder.appendConstructedNode(identifier: .set) { coder in
                for signerInfo in signerInfos { try coder.serialize(signerInfo) }
            }
        }
    }

    private static func elements<T>(
        of node: ASN1Node?, tag: ASN1Identifier, limit: Int, _ parse: (ASN1Node) throws -> T
    ) throws -> [T] {
        guard let node, node.identifier == tag, case .constructed(let children) = node.content else {
            throw ASN1Error.invalidASN1Object(reason: "expected a SET tagged \(tag)")
        }
        var result: [T] = []
        for child in children {
            guard result.count < limit else {
                throw CMSError(.limitExceeded, "more than \(limit) elements in a SET tagged \(tag)")
            }
            result.append(try parse(child))
        }
        return result
    }
}
