import SwiftASN1

/// Turns a BER element into DER where the structure allows it: definite lengths, and
/// constructed OCTET STRINGs and BIT STRINGs flattened into primitive ones.
///
/// Used for the embedded certificates and CRLs of a BER SignedData: swift-certificates
/// reads DER only, and a certificate's signature covers the DER of its TBSCertificate.
package enum BERNormalizer {
    /// The DER form of `bytes` (identical bytes when the input already is DER).
    package static func derForm(of bytes: ArraySlice<UInt8>) throws -> ArraySlice<UInt8> {
        var coder = DER.Serializer()
        try write(BER.parse(bytes), into: &coder)
        return coder.serializedBytes[...]
    }

    private static func write(_ node: ASN1Node, into coder: inout DER.Serializer) throws {
        switch node.content {
        case .primitive(let value):
            // Re-emit the value so that a non-minimal BER length becomes a DER length.
            coder.appendPrimitiveNode(identifier: node.identifier) { $0.append(contentsOf: value) }
        case .constructed(let children):
            if node.identifier == .octetString {
                let value = try ASN1OctetString(berEncoded: node)
                try coder.serialize(value)
            } else if node.identifier == .bitString {
                try coder.serialize(ASN1BitString(berEncoded: node))
            } else {
                try coder.appendConstructedNode(identifier: node.identifier) { inner in
                    for child in children { try write(child, into: &inner) }
                }
            }
        }
    }
}
