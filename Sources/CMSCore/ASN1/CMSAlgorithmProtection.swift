import SwiftASN1

/// `CMSAlgorithmProtection` (RFC 6211 §2), a signed attribute that binds the digest and
/// signature algorithms to the signature.
///
/// ```
/// CMSAlgorithmProtection ::= SEQUENCE {
///    digestAlgorithm         DigestAlgorithmIdentifier,
///    signatureAlgorithm  [1] SignatureAlgorithmIdentifier OPTIONAL,
///    macAlgorithm        [2] MessageAuthenticationCodeAlgorithm OPTIONAL }
/// ```
/// The module uses IMPLICIT TAGS.
package struct CMSAlgorithmProtection: DERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }
    static let signatureTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
    static let macTag = ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)

    package var digestAlgorithm: CMSAlgorithmIdentifier
    package var signatureAlgorithm: CMSAlgorithmIdentifier?

    package init(digestAlgorithm: CMSAlgorithmIdentifier, signatureAlgorithm: CMSAlgorithmIdentifier?) {
        self.digestAlgorithm = digestAlgorithm
        self.signatureAlgorithm = signatureAlgorithm
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let digest = try CMSAlgorithmIdentifier(derEncoded: &nodes)
            var signature: CMSAlgorithmIdentifier?
            while let next = nodes.next() {
                if next.identifier == Self.signatureTag {
                    signature = try CMSAlgorithmIdentifier(berEncoded: next, withIdentifier: Self.signatureTag)
                } else if next.identifier != Self.macTag {
                    throw ASN1Error.unexpectedFieldType(next.identifier)
                }
            }
            return CMSAlgorithmProtection(digestAlgorithm: digest, signatureAlgorithm: signature)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(digestAlgorithm)
            if let signatureAlgorithm {
                try signatureAlgorithm.serialize(into: &coder, withIdentifier: Self.signatureTag)
            }
        }
    }
}
