import SwiftASN1

/// `DigestInfo` (RFC 8017 §9.2, as used by PKCS#12 `MacData`).
///
/// ```
/// DigestInfo ::= SEQUENCE {
///   digestAlgorithm DigestAlgorithmIdentifier,
///   digest          OCTET STRING }
/// ```
package struct PKCS12DigestInfo: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var digestAlgorithm: CMSAlgorithmIdentifier
    package var digest: ArraySlice<UInt8>

    package init(digestAlgorithm: CMSAlgorithmIdentifier, digest: ArraySlice<UInt8>) {
        self.digestAlgorithm = digestAlgorithm
        self.digest = digest
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let algorithm = try CMSAlgorithmIdentifier(berEncoded: &nodes)
            let digest = try ASN1OctetString(berEncoded: &nodes).bytes
            return PKCS12DigestInfo(digestAlgorithm: algorithm, digest: digest)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(digestAlgorithm)
            try coder.serialize(ASN1OctetString(contentBytes: digest))
        }
    }
}
