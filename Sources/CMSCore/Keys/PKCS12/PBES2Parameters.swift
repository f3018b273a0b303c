import SwiftASN1

/// `PBES2-params` (RFC 8018 Appendix A.4).
///
/// ```
/// PBES2-params ::= SEQUENCE {
///   keyDerivationFunc AlgorithmIdentifier {{PBES2-KDFs}},
///   encryptionScheme  AlgorithmIdentifier {{PBES2-Encs}} }
/// ```
package struct PBES2Parameters: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var keyDerivationFunc: CMSAlgorithmIdentifier
    package var encryptionScheme: CMSAlgorithmIdentifier

    package init(keyDerivationFunc: CMSAlgorithmIdentifier, encryptionScheme: CMSAlgorithmIdentifier) {
        self.keyDerivationFunc = keyDerivationFunc
        self.encryptionScheme = encryptionScheme
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let kdf = try CMSAlgorithmIdentifier(berEncoded: &nodes)
            let scheme = try CMSAlgorithmIdentifier(berEncoded: &nodes)
            return PBES2Parameters(keyDerivationFunc: kdf, encryptionScheme: scheme)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(keyDerivationFunc)
            try coder.serialize(encryptionScheme)
        }
    }
}
