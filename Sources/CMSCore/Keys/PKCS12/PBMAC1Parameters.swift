import SwiftASN1

/// `PBMAC1-params` (RFC 8018 Appendix A.5), used in PKCS#12 `MacData` by RFC 9579.
///
/// ```
/// PBMAC1-params ::= SEQUENCE {
///   keyDerivationFunc AlgorithmIdentifier {{PBMAC1-KDFs}},
///   messageAuthScheme AlgorithmIdentifier {{PBMAC1-MACs}} }
/// ```
package struct PBMAC1Parameters: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var keyDerivationFunc: CMSAlgorithmIdentifier
    package var messageAuthScheme: CMSAlgorithmIdentifier

    package init(keyDerivationFunc: CMSAlgorithmIdentifier, messageAuthScheme: CMSAlgorithmIdentifier) {
        self.keyDerivationFunc = keyDerivationFunc
        self.messageAuthScheme = messageAuthScheme
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let kdf = try CMSAlgorithmIdentifier(berEncoded: &nodes)
            let mac = try CMSAlgorithmIdentifier(berEncoded: &nodes)
            return PBMAC1Parameters(keyDerivationFunc: kdf, messageAuthScheme: mac)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(keyDerivationFunc)
            try coder.serialize(messageAuthScheme)
        }
    }
}
