import SwiftASN1

/// `EncryptedData` (RFC 5652 §8), used by PKCS#12 for password-encrypted `SafeContents`.
///
/// ```
/// EncryptedData ::= SEQUENCE {
///   version CMSVersion,
///   encryptedContentInfo EncryptedContentInfo,
///   unprotectedAttrs [1] IMPLICIT UnprotectedAttributes OPTIONAL }
/// ```
/// Unprotected attributes are skipped.
package struct PKCS12EncryptedData: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }
    static let unprotectedAttrsTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)

    package var version: Int
    package var encryptedContentInfo: PKCS12EncryptedContentInfo

    package init(version: Int = 0, encryptedContentInfo: PKCS12EncryptedContentInfo) {
        self.version = version
        self.encryptedContentInfo = encryptedContentInfo
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let version = try Int(berEncoded: &nodes)
            guard version == 0 || version == 2 else {
                throw ASN1Error.invalidASN1Object(reason: "EncryptedData version \(version) is not 0 or 2")
            }
            let info = try PKCS12EncryptedContentInfo(berEncoded: &nodes)
            if let node = nodes.next(), node.identifier != Self.unprotectedAttrsTag {
                throw ASN1Error.unexpectedFieldType(node.identifier)
            }
            return PKCS12EncryptedData(version: version, encryptedContentInfo: info)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(version)
            try coder.serialize(encryptedContentInfo)
        }
    }
}
