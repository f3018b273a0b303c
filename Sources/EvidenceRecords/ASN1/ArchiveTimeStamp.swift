import CMSCore
import SwiftASN1
import TimestampClient

/// An archive timestamp (RFC 4998 §4.2): an RFC 3161 token over the root of a hash tree, with
/// the reduced hash tree that leads from a data object (or a previous timestamp) to that root.
///
/// ```
/// ArchiveTimeStamp ::= SEQUENCE {
///   digestAlgorithm [0] AlgorithmIdentifier OPTIONAL,
///   attributes      [1] Attributes OPTIONAL,
///   reducedHashtree [2] SEQUENCE OF PartialHashtree OPTIONAL,
///   timeStamp       ContentInfo }
/// ```
/// The module is `IMPLICIT TAGS`. The token's bytes are kept exactly as received: a timestamp
/// renewal hashes them, and a hash-tree renewal hashes the whole sequence they sit in.
public struct ArchiveTimeStamp: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }
    static let digestAlgorithmTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    static let attributesTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
    static let reducedHashtreeTag = ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)

    /// `digestAlgorithm`, as found (parameters kept); `nil` when absent.
    package var digestAlgorithmIdentifier: CMSAlgorithmIdentifier?
    /// `attributes` with its [1] tag, kept as received; `nil` when absent.
    public var attributesDER: [UInt8]?
    /// The reduced hash tree; `nil` when absent (the token then stamps one hash directly).
    public var reducedHashtree: [PartialHashtree]?
    /// The token.
    public var timeStamp: TimestampToken
    /// The whole `ArchiveTimeStamp` as received, when parsed (re-serialized byte for byte).
    private var receivedEncoding: [UInt8]?

    /// An archive timestamp made here.
    public init(digestAlgorithm: DigestAlgorithm?, reducedHashtree: [PartialHashtree]?, timeStamp: TimestampToken) {
        self.digestAlgorithmIdentifier = digestAlgorithm.map { CMSAlgorithmIdentifier(algorithm: $0.oid) }
        self.reducedHashtree = reducedHashtree
        self.timeStamp = timeStamp
    }

    /// The object identifier of the hash algorithm of the reduced hash tree: `digestAlgorithm`,
    /// or the token's imprint algorithm when absent (RFC 4998 §4.2).
    public var digestAlgorithmOID: ASN1ObjectIdentifier {
        digestAlgorithmIdentifier?.algorithm ?? timeStamp.messageImprint.hashAlgorithmOID
    }

    /// The hash algorithm, or `nil` when this library cannot compute it.
    public var digestAlgorithm: DigestAlgorithm? { DigestAlgorithm(oid: digestAlgorithmOID) }

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            var algorithm: CMSAlgorithmIdentifier?
            var attributes: [UInt8]?
            var tree: [PartialHashtree]?
            var next = nodes.next()
            if let node = next, node.identifier == Self.digestAlgorithmTag {
                algorithm = try CMSAlgorithmIdentifier(derEncoded: node, withIdentifier: Self.digestAlgorithmTag)
                next = nodes.next()
            }
            if let node = next, node.identifier == Self.attributesTag {
                attributes = Array(node.encodedBytes)
                next = nodes.next()
            }
            if let node = next, node.identifier == Self.reducedHashtreeTag {
                tree = try DER.sequence(of: PartialHashtree.self, identifier: Self.reducedHashtreeTag, rootNode: node)
                next = nodes.next()
            }
            guard let contentInfo = next, contentInfo.identifier == .sequence else {
                throw EvidenceRecordError(.malformedEncoding, "an ArchiveTimeStamp has no timeStamp ContentInfo")
            }
            let token: TimestampToken
            do {
                token = try TimestampToken(derEncoded: Array(contentInfo.encodedBytes))
            } catch let error as TimestampError {
                throw EvidenceRecordError(.malformedEncoding, "an ArchiveTimeStamp's timeStamp is not an RFC 3161 token: \(error.reason)")
            }
            var stamp = ArchiveTimeStamp(digestAlgorithm: nil, reducedHashtree: tree, timeStamp: token)
            stamp.digestAlgorithmIdentifier = algorithm
            stamp.attributesDER = attributes
            return stamp
        }
        if identifier == Self.defaultIdentifier { receivedEncoding = Array(node.encodedBytes) }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        if identifier == Self.defaultIdentifier {
            coder.serializeRawBytes(try encoded())
            return
        }
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try self.serializeFields(into: &coder)
        }
    }

    /// The DER encoding: as received when parsed, else written here.
    public func encoded() throws -> [UInt8] {
        if let receivedEncoding { return receivedEncoding }
        var head = DER.Serializer()
        if let digestAlgorithmIdentifier { try digestAlgorithmIdentifier.serialize(into: &head, withIdentifier: Self.digestAlgorithmTag) }
        var parts = [head.serializedBytes]
        if let attributesDER { parts.append(attributesDER) }
        if let reducedHashtree {
            parts.append(DERBytes.wrap(tag: DERBytes.reducedHashtree, reducedHashtree.map { level in
                DERBytes.wrap(tag: DERBytes.sequence, level.values.map { DERBytes.header(tag: DERBytes.octetString, length: $0.count) + $0 })
            }))
        }
        parts.append(timeStamp.derEncoded)
        return DERBytes.wrap(tag: DERBytes.sequence, parts)
    }

    private func serializeFields(into coder: inout DER.Serializer) throws {
        if let digestAlgorithmIdentifier { try digestAlgorithmIdentifier.serialize(into: &coder, withIdentifier: Self.digestAlgorithmTag) }
        if let attributesDER { coder.serializeRawBytes(attributesDER) }
        if let reducedHashtree {
            try coder.appendConstructedNode(identifier: Self.reducedHashtreeTag) { coder in
                for level in reducedHashtree { try coder.serialize(level) }
            }
        }
        coder.serializeRawBytes(timeStamp.derEncoded)
    }

    public static func == (lhs: ArchiveTimeStamp, rhs: ArchiveTimeStamp) -> Bool {
        lhs.digestAlgorithmIdentifier == rhs.digestAlgorithmIdentifier && lhs.attributesDER == rhs.attributesDER
            && lhs.reducedHashtree == rhs.reducedHashtree && lhs.timeStamp == rhs.timeStamp
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(reducedHashtree)
        hasher.combine(timeStamp)
    }
}
