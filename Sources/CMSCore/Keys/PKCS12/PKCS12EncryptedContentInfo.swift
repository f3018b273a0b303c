import SwiftASN1

/// `EncryptedContentInfo` (RFC 5652 §6.1).
///
/// ```
/// EncryptedContentInfo ::= SEQUENCE {
///   contentType ContentType,
///   contentEncryptionAlgorithm ContentEncryptionAlgorithmIdentifier,
///   encryptedContent [0] IMPLICIT EncryptedContent OPTIONAL }
///
/// EncryptedContent ::= OCTET STRING
/// ```
/// BER producers may split `encryptedContent` into a constructed string; it is flattened.
package struct PKCS12EncryptedContentInfo: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }
    static let encryptedContentTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)

    package var contentType: ASN1ObjectIdentifier
    package var contentEncryptionAlgorithm: CMSAlgorithmIdentifier
    package var encryptedContent: ArraySlice<UInt8>?

    package init(
        contentType: ASN1ObjectIdentifier, contentEncryptionAlgorithm: CMSAlgorithmIdentifier,
        encryptedContent: ArraySlice<UInt8>?
    ) {
        self.contentType = contentType
        self.contentEncryptionAlgorithm = contentEncryptionAlgorithm
        self.encryptedContent = encryptedContent
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let contentType = try ASN1ObjectIdentifier(berEncoded: &nodes)
            let algorithm = try CMSAlgorithmIdentifier(berEncoded: &nodes)
            var content: ArraySlice<UInt8>?
            if let node = nodes.next() {
                content = try ASN1OctetString(berEncoded: node, withIdentifier: Self.encryptedContentTag).bytes
            }
            return PKCS12EncryptedContentInfo(
                contentType: contentType, contentEncryptionAlgorithm: algorithm, encryptedContent: content)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(contentType)
            try coder.serialize(contentEncryptionAlgorithm)
            if let encryptedContent {
                try ASN1OctetString(contentBytes: encryptedContent).serialize(into: &coder, withIdentifier: Self.encryptedContentTag)
            }
        }
    }
}
