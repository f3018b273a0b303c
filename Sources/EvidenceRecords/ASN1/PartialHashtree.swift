import SwiftASN1

/// One level of a reduced hash tree (RFC 4998 §4.2).
///
/// ```
/// PartialHashtree ::= SEQUENCE OF OCTET STRING
/// ```
/// The first partial hash tree holds the hashes of a data object group; each following one the
/// sibling hashes met on the way to the root.
public struct PartialHashtree: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The hash values of this level, in the order found.
    public var values: [[UInt8]]

    /// A level holding `values`.
    public init(_ values: [[UInt8]]) {
        self.values = values
    }

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        let strings: [ASN1OctetString] = try DER.sequence(of: ASN1OctetString.self, identifier: identifier, rootNode: node)
        values = strings.map { Array($0.bytes) }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            for value in values { try coder.serialize(ASN1OctetString(contentBytes: value[...])) }
        }
    }
}
