import SwiftASN1

/// `EncryptedPrivateKeyInfo` (RFC 5208 §6), the value of a PKCS#12 `pkcs8ShroudedKeyBag`.
///
/// ```
/// EncryptedPrivateKeyInfo ::= SEQUENCE {
///   encryptionAlgorithm  EncryptionAlgorithmIdentifier,
///   encryptedData        EncryptedData }
///
/// EncryptedData ::= OCTET STRING
/// ```
package struct PKCS8EncryptedPrivateKeyInfo: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var encryptionAlgorithm: CMSAlgorithmIdentifier
    package var encryptedData: ArraySlice<UInt8>

    package init(encryptionAlgorithm: CMSAlgorithmIdentifier, encryptedData: ArraySlice<UInt8>) {
        self.encryptionAlgorithm = encryptionAlgorithm
        self.encryptedData = encryptedData
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let algorithm = try CMSAlgorithmIdentifier(berEncoded: &nodes)
            let data = try ASN1OctetString(berEncoded: &nodes).bytes
            return PKCS8EncryptedPrivateKeyInfo(encryptionAlgorithm: algorithm, encryptedData: data)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(encryptionAlgorithm)
            try coder.serialize(ASN1OctetString(contentBytes: encryptedData))
        }
    }
}
