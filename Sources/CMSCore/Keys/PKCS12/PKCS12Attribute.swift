import SwiftASN1

/// `PKCS12Attribute`, a bag attribute such as friendlyName or localKeyId (RFC 7292 §4.2).
///
/// ```
/// PKCS12Attribute ::= SEQUENCE {
///   attrId     ATTRIBUTE.&id ({PKCS12AttrSet}),
///   attrValues SET OF ATTRIBUTE.&Type ({PKCS12AttrSet}{@attrId}) }
/// ```
package struct PKCS12Attribute: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var attrId: ASN1ObjectIdentifier
    package var attrValues: [ASN1Any]

    package init(attrId: ASN1ObjectIdentifier, attrValues: [ASN1Any]) {
        self.attrId = attrId
        self.attrValues = attrValues
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let attrId = try ASN1ObjectIdentifier(berEncoded: &nodes)
            guard let set = nodes.next(), set.identifier == .set, case .constructed(let children) = set.content else {
                throw ASN1Error.invalidASN1Object(reason: "PKCS12Attribute without a SET of values")
            }
            var values: [ASN1Any] = []
            for child in children {
                guard values.count < PKCS12Limits.maxAttributes else {
                    throw CMSError(.limitExceeded, "PKCS#12: more than \(PKCS12Limits.maxAttributes) values in a bag attribute")
                }
                values.append(ASN1Any(berEncoded: child))
            }
            return PKCS12Attribute(attrId: attrId, attrValues: values)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(attrId)
            try coder.serializeSetOf(attrValues)
        }
    }
}
