import SwiftASN1

/// `AlgorithmIdentifier` (RFC 5280 §4.1.1.2), as CMS uses it for digest and signature algorithms.
///
/// ```
/// AlgorithmIdentifier  ::=  SEQUENCE  {
///      algorithm               OBJECT IDENTIFIER,
///      parameters              ANY DEFINED BY algorithm OPTIONAL  }
/// ```
/// Absent parameters and an explicit NULL are kept apart, so that input round-trips exactly.
package struct CMSAlgorithmIdentifier: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var algorithm: ASN1ObjectIdentifier
    package var parameters: ASN1Any?

    package init(algorithm: ASN1ObjectIdentifier, parameters: ASN1Any? = nil) {
        self.algorithm = algorithm
        self.parameters = parameters
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let algorithm = try ASN1ObjectIdentifier(berEncoded: &nodes)
            let parameters = nodes.next().map { ASN1Any(berEncoded: $0) }
            return CMSAlgorithmIdentifier(algorithm: algorithm, parameters: parameters)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(algorithm)
            if let parameters { try coder.serialize(parameters) }
        }
    }

    /// The DER encoding of ASN.1 NULL, used as the parameters of rsaEncryption and SHA-2 in many encoders.
    package static let nullParameters: ASN1Any = try! ASN1Any(erasing: ASN1Null())

    /// Whether the parameters are absent or NULL — the two encodings RFC 5754 allows for SHA-2.
    package var hasAbsentOrNullParameters: Bool {
        guard let parameters else { return true }
        return parameters == Self.nullParameters
    }
}
