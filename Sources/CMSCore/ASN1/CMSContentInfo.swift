import SwiftASN1

/// `ContentInfo` (RFC 5652 §3).
///
/// ```
/// ContentInfo ::= SEQUENCE {
///   contentType ContentType,
///   content [0] EXPLICIT ANY DEFINED BY contentType }
/// ```
package struct CMSContentInfo: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }
    static let contentTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)

    package var contentType: ASN1ObjectIdentifier
    package var content: ASN1Any

    package init(contentType: ASN1ObjectIdentifier, content: ASN1Any) {
        self.contentType = contentType
        self.content = content
    }

    package init(signedData: CMSSignedData) throws {
        self.init(contentType: CMSObjectIdentifier.ContentType.signedData, content: try ASN1Any(erasing: signedData))
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let contentType = try ASN1ObjectIdentifier(berEncoded: &nodes)
            let content = try BER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                ASN1Any(berEncoded: $0)
            }
            return CMSContentInfo(contentType: contentType, content: content)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(contentType)
            try coder.serialize(content, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
        }
    }
}

/// `EncapsulatedContentInfo` (RFC 5652 §5.2).
///
/// ```
/// EncapsulatedContentInfo ::= SEQUENCE {
///   eContentType ContentType,
///   eContent [0] EXPLICIT OCTET STRING OPTIONAL }
/// ```
package struct CMSEncapsulatedContentInfo: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var eContentType: ASN1ObjectIdentifier
    package var eContent: ArraySlice<UInt8>?

    package init(eContentType: ASN1ObjectIdentifier, eContent: ArraySlice<UInt8>? = nil) {
        self.eContentType = eContentType
        self.eContent = eContent
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let type = try ASN1ObjectIdentifier(berEncoded: &nodes)
            let content = try BER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                try ASN1OctetString(berEncoded: $0).bytes
            }
            return CMSEncapsulatedContentInfo(eContentType: type, eContent: content)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(eContentType)
            if let eContent {
                try coder.serialize(ASN1OctetString(contentBytes: eContent), explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
            }
        }
    }
}
