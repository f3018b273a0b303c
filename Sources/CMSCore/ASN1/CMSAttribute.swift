import SwiftASN1

/// `Attribute` (RFC 5652 §5.3), used for signed and unsigned attributes.
///
/// ```
/// Attribute ::= SEQUENCE {
///   attrType OBJECT IDENTIFIER,
///   attrValues SET OF AttributeValue }
/// ```
/// Values are kept as their received encodings, so attributes this library does not
/// know round-trip unchanged.
package struct CMSAttribute: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var attrType: ASN1ObjectIdentifier
    package var attrValues: [ASN1Any]

    package init(attrType: ASN1ObjectIdentifier, attrValues: [ASN1Any]) {
        self.attrType = attrType
        self.attrValues = attrValues
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let type = try ASN1ObjectIdentifier(berEncoded: &nodes)
            guard let setNode = nodes.next(), setNode.identifier == .set,
                  case .constructed(let children) = setNode.content
            else {
                throw ASN1Error.invalidASN1Object(reason: "Attribute \(type) has no SET OF values")
            }
            return CMSAttribute(attrType: type, attrValues: children.map { ASN1Any(berEncoded: $0) })
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(attrType)
            // Values are written in the order held; callers that build new attributes hold one value.
            try coder.appendConstructedNode(identifier: .set) { coder in
                for value in attrValues { try coder.serialize(value) }
            }
        }
    }

    /// The single value of an attribute that RFC 5652 or ESS requires to be single-valued.
    package func singleValue() throws -> ASN1Any {
        guard attrValues.count == 1 else {
            throw CMSError(.malformedEncoding, "attribute \(attrType) must have exactly one value, has \(attrValues.count)")
        }
        return attrValues[0]
    }
}

extension Array where Element == CMSAttribute {
    /// The attribute of the given type, or `nil`; throws if the type occurs more than once
    /// (RFC 5652 §11 forbids repeating content-type, message-digest and signing-time).
    package func unique(_ type: ASN1ObjectIdentifier) throws -> CMSAttribute? {
        let matches = filter { $0.attrType == type }
        guard matches.count <= 1 else {
            throw CMSError(.malformedEncoding, "attribute \(type) occurs \(matches.count) times")
        }
        return matches.first
    }
}
