import CMSCore
import Foundation
import SwiftASN1

/// An RFC 4998 evidence record: proof that data objects existed at a time, kept valid over
/// decades by timestamp and hash-tree renewals.
///
/// ```
/// EvidenceRecord ::= SEQUENCE {
///   version                  INTEGER { v1(1) },
///   digestAlgorithms         SEQUENCE OF AlgorithmIdentifier,
///   cryptoInfos              [0] CryptoInfos OPTIONAL,
///   encryptionInfo           [1] EncryptionInfo OPTIONAL,
///   archiveTimeStampSequence ArchiveTimeStampSequence }
/// CryptoInfos ::= SEQUENCE SIZE (1..MAX) OF Attribute
/// EncryptionInfo ::= SEQUENCE {
///   encryptionInfoType  OBJECT IDENTIFIER,
///   encryptionInfoValue ANY DEFINED BY encryptionInfoType }
/// ```
/// `cryptoInfos` and `encryptionInfo` are kept as received and written back unchanged; records
/// made here carry neither. Check one with ``EvidenceRecordVerifier``.
public struct EvidenceRecord: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }
    static let cryptoInfosTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    static let encryptionInfoTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)

    /// Always 1.
    public var version: Int
    /// Every hash algorithm used over the archival period, as found.
    package var digestAlgorithmIdentifiers: [CMSAlgorithmIdentifier]
    /// `cryptoInfos` with its [0] tag, as received.
    public var cryptoInfosDER: [UInt8]?
    /// `encryptionInfo` with its [1] tag, as received (an encrypted data object's parameters, §6.2).
    public var encryptionInfoDER: [UInt8]?
    /// The chains of archive timestamps.
    public var archiveTimeStampSequence: ArchiveTimeStampSequence

    /// A version-1 record with `sequence`, listing `digestAlgorithms`.
    public init(digestAlgorithms: [DigestAlgorithm], sequence: ArchiveTimeStampSequence) {
        version = 1
        digestAlgorithmIdentifiers = digestAlgorithms.map { CMSAlgorithmIdentifier(algorithm: $0.oid) }
        archiveTimeStampSequence = sequence
    }

    /// Parses a DER evidence record (a `.ers` file).
    ///
    /// - Throws: ``EvidenceRecordError`` with ``EvidenceRecordError/Code/malformedEncoding``.
    public init(derEncoded bytes: [UInt8]) throws {
        do {
            self = try EvidenceRecord(derEncoded: try DER.parse(bytes))
        } catch let error as EvidenceRecordError {
            throw error
        } catch {
            throw EvidenceRecordError(.malformedEncoding, "not a DER EvidenceRecord: \(error)")
        }
    }

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard version == 1 else { throw EvidenceRecordError(.malformedEncoding, "EvidenceRecord version \(version), not v1(1)") }
            let algorithms = try DER.sequence(of: CMSAlgorithmIdentifier.self, identifier: .sequence, nodes: &nodes)
            var next = nodes.next()
            var cryptoInfos: [UInt8]?
            var encryptionInfo: [UInt8]?
            if let node = next, node.identifier == Self.cryptoInfosTag {
                cryptoInfos = Array(node.encodedBytes)
                next = nodes.next()
            }
            if let node = next, node.identifier == Self.encryptionInfoTag {
                encryptionInfo = Array(node.encodedBytes)
                next = nodes.next()
            }
            guard let sequenceNode = next else {
                throw EvidenceRecordError(.malformedEncoding, "an EvidenceRecord has no ArchiveTimeStampSequence")
            }
            var record = EvidenceRecord(digestAlgorithms: [], sequence: try ArchiveTimeStampSequence(derEncoded: sequenceNode))
            record.digestAlgorithmIdentifiers = algorithms
            record.cryptoInfosDER = cryptoInfos
            record.encryptionInfoDER = encryptionInfo
            return record
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(version)
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                for algorithm in digestAlgorithmIdentifiers { try coder.serialize(algorithm) }
            }
            if let cryptoInfosDER { coder.serializeRawBytes(cryptoInfosDER) }
            if let encryptionInfoDER { coder.serializeRawBytes(encryptionInfoDER) }
            try coder.serialize(archiveTimeStampSequence)
        }
    }

    /// The DER encoding (the content of a `.ers` file).
    public func derEncoded() throws -> [UInt8] {
        var head = DER.Serializer()
        try head.serialize(version)
        try head.appendConstructedNode(identifier: .sequence) { coder in
            for algorithm in digestAlgorithmIdentifiers { try coder.serialize(algorithm) }
        }
        var parts = [head.serializedBytes]
        if let cryptoInfosDER { parts.append(cryptoInfosDER) }
        if let encryptionInfoDER { parts.append(encryptionInfoDER) }
        parts.append(try archiveTimeStampSequence.encodingOfChains(prefix: archiveTimeStampSequence.chains.count))
        return DERBytes.wrap(tag: DERBytes.sequence, parts)
    }

    /// The object identifiers of `digestAlgorithms`.
    public var digestAlgorithmOIDs: [ASN1ObjectIdentifier] { digestAlgorithmIdentifiers.map(\.algorithm) }

    /// Every archive timestamp, oldest first, across chains.
    public var archiveTimeStamps: [ArchiveTimeStamp] { archiveTimeStampSequence.chains.flatMap(\.archiveTimeStamps) }

    /// The genTime of the newest archive timestamp.
    public var latestTimestampTime: Date? { archiveTimeStamps.last?.timeStamp.genTime }

    /// Adds `algorithm` to `digestAlgorithms` unless listed.
    mutating func listAlgorithm(_ algorithm: DigestAlgorithm) {
        if !digestAlgorithmIdentifiers.contains(where: { $0.algorithm == algorithm.oid }) {
            digestAlgorithmIdentifiers.append(CMSAlgorithmIdentifier(algorithm: algorithm.oid))
        }
    }
}
