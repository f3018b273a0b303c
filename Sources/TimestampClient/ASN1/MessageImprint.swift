import CMSCore
import SwiftASN1

/// `MessageImprint` (RFC 3161 §2.4.1): the hash of the datum being time-stamped.
///
/// ```
/// MessageImprint ::= SEQUENCE  {
///      hashAlgorithm                AlgorithmIdentifier,
///      hashedMessage                OCTET STRING  }
/// ```
public struct MessageImprint: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The hash algorithm identifier, parameters kept as received.
    package var hashAlgorithm: CMSAlgorithmIdentifier
    /// The digest of the time-stamped datum.
    public var hashedMessage: [UInt8]

    /// Builds an imprint for a digest made with `algorithm` (parameters absent, as RFC 5754 prefers).
    public init(algorithm: DigestAlgorithm, digest: [UInt8]) {
        self.hashAlgorithm = CMSAlgorithmIdentifier(algorithm: algorithm.oid)
        self.hashedMessage = digest
    }

    /// Creates an imprint from an algorithm identifier as found on the wire.
    package init(hashAlgorithm: CMSAlgorithmIdentifier, hashedMessage: [UInt8]) {
        self.hashAlgorithm = hashAlgorithm
        self.hashedMessage = hashedMessage
    }

    /// The object identifier of the hash algorithm.
    public var hashAlgorithmOID: ASN1ObjectIdentifier { hashAlgorithm.algorithm }

    /// The hash algorithm, or `nil` when this library does not know it.
    public var digestAlgorithm: DigestAlgorithm? { DigestAlgorithm(oid: hashAlgorithm.algorithm) }

    /// Whether both imprints name the same algorithm and digest. Absent and NULL
    /// parameters are treated alike (both are valid encodings for SHA-2).
    public func matches(_ other: MessageImprint) -> Bool {
        hashAlgorithm.algorithm == other.hashAlgorithm.algorithm
            && hashAlgorithm.hasAbsentOrNullParameters && other.hashAlgorithm.hasAbsentOrNullParameters
            && hashedMessage == other.hashedMessage
    }

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let algorithm = try CMSAlgorithmIdentifier(derEncoded: &nodes)
            let hashed = try ASN1OctetString(derEncoded: &nodes)
            return MessageImprint(hashAlgorithm: algorithm, hashedMessage: Array(hashed.bytes))
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(hashAlgorithm)
            try coder.serialize(ASN1OctetString(contentBytes: hashedMessage[...]))
        }
    }
}
