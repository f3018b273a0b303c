import SwiftASN1

/// Archive timestamps made with one hash algorithm, each renewing the one before (RFC 4998 §4.3).
///
/// ```
/// ArchiveTimeStampChain ::= SEQUENCE OF ArchiveTimeStamp
/// ```
public struct ArchiveTimeStampChain: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The archive timestamps, oldest first.
    public var archiveTimeStamps: [ArchiveTimeStamp]

    /// A chain of `archiveTimeStamps` (oldest first).
    public init(_ archiveTimeStamps: [ArchiveTimeStamp]) {
        self.archiveTimeStamps = archiveTimeStamps
    }

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        archiveTimeStamps = try DER.sequence(of: ArchiveTimeStamp.self, identifier: identifier, rootNode: node)
        guard !archiveTimeStamps.isEmpty else {
            throw EvidenceRecordError(.malformedEncoding, "an ArchiveTimeStampChain holds no ArchiveTimeStamp")
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        guard identifier == Self.defaultIdentifier else {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                for stamp in archiveTimeStamps { try coder.serialize(stamp) }
            }
            return
        }
        coder.serializeRawBytes(try encoded())
    }

    /// The DER encoding.
    public func encoded() throws -> [UInt8] {
        DERBytes.wrap(tag: DERBytes.sequence, try archiveTimeStamps.map { try $0.encoded() })
    }
}

/// Every chain of an evidence record, oldest first (RFC 4998 §4.4): a new chain starts at each
/// hash-tree renewal.
///
/// ```
/// ArchiveTimeStampSequence ::= SEQUENCE OF ArchiveTimeStampChain
/// ```
public struct ArchiveTimeStampSequence: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The chains, oldest first.
    public var chains: [ArchiveTimeStampChain]

    /// A sequence of `chains` (oldest first).
    public init(_ chains: [ArchiveTimeStampChain]) {
        self.chains = chains
    }

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        chains = try DER.sequence(of: ArchiveTimeStampChain.self, identifier: identifier, rootNode: node)
        guard !chains.isEmpty else {
            throw EvidenceRecordError(.malformedEncoding, "an ArchiveTimeStampSequence holds no chain")
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        guard identifier == Self.defaultIdentifier else {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                for chain in chains { try coder.serialize(chain) }
            }
            return
        }
        coder.serializeRawBytes(try encodingOfChains(prefix: chains.count))
    }

    /// The DER encoding of the first `count` chains: what a hash-tree renewal hashes (RFC 4998 §5.2).
    public func encodingOfChains(prefix count: Int) throws -> [UInt8] {
        DERBytes.wrap(tag: DERBytes.sequence, try chains.prefix(count).map { try $0.encoded() })
    }
}
