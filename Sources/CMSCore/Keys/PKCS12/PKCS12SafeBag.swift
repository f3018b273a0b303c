import SwiftASN1

/// `SafeBag`, one item of a PKCS#12 `SafeContents` (RFC 7292 §4.2).
///
/// ```
/// SafeContents ::= SEQUENCE OF SafeBag
///
/// SafeBag ::= SEQUENCE {
///   bagId         BAG-TYPE.&id ({PKCS12BagSet}),
///   bagValue      [0] EXPLICIT BAG-TYPE.&Type({PKCS12BagSet}{@bagId}),
///   bagAttributes SET OF PKCS12Attribute OPTIONAL }
/// ```
/// `bagValue` is kept as the received element; its type depends on `bagId`.
package struct PKCS12SafeBag: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var bagId: ASN1ObjectIdentifier
    package var bagValue: ASN1Any
    package var bagAttributes: [PKCS12Attribute]

    package init(bagId: ASN1ObjectIdentifier, bagValue: ASN1Any, bagAttributes: [PKCS12Attribute] = []) {
        self.bagId = bagId
        self.bagValue = bagValue
        self.bagAttributes = bagAttributes
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let bagId = try ASN1ObjectIdentifier(berEncoded: &nodes)
            let value = try BER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                ASN1Any(berEncoded: $0)
            }
            var attributes: [PKCS12Attribute] = []
            if let set = nodes.next() {
                guard set.identifier == .set, case .constructed(let children) = set.content else {
                    throw ASN1Error.unexpectedFieldType(set.identifier)
                }
                for child in children {
                    guard attributes.count < PKCS12Limits.maxAttributes else {
                        throw CMSError(.limitExceeded, "PKCS#12: more than \(PKCS12Limits.maxAttributes) attributes on a bag")
                    }
                    attributes.append(try PKCS12Attribute(berEncoded: child))
                }
            }
            return PKCS12SafeBag(bagId: bagId, bagValue: value, bagAttributes: attributes)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(bagId)
            try coder.serialize(bagValue, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
            if !bagAttributes.isEmpty {
                try coder.serializeSetOf(bagAttributes)
            }
        }
    }

    /// The first value of the `localKeyId` attribute, if present.
    package var localKeyId: ArraySlice<UInt8>? {
        guard let attribute = bagAttributes.first(where: { $0.attrId == PKCS12ObjectIdentifier.Attribute.localKeyId }),
            let value = attribute.attrValues.first
        else { return nil }
        return try? ASN1OctetString(berASN1Any: value).bytes
    }
}
