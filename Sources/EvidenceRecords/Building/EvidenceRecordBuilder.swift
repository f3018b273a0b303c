import CMSCore
import Foundation
import TimestampClient

/// Makes evidence records for many data object groups under **one** RFC 3161 timestamp: hashes
/// the groups into a binary hash tree (``HashTreeRule``), asks the authority once for a token
/// over the root, and gives each group its record with its reduced hash tree (RFC 4998 §4.2).
///
/// ```swift
/// let builder = EvidenceRecordBuilder(authority: tsa)
/// let records = try await builder.records(for: files.map { DataObjectGroup(hashing: [$0], algorithm: .sha256) })
/// ```
public struct EvidenceRecordBuilder: Sendable {
    /// The hash algorithm of the tree and of the token's imprint.
    public var algorithm: DigestAlgorithm
    /// The time-stamping authority (called once per ``records(for:)``).
    public let authority: any TimestampAuthority

    /// A builder using `authority` and `algorithm` (SHA-256 by default).
    public init(authority: any TimestampAuthority, algorithm: DigestAlgorithm = .sha256) {
        self.authority = authority
        self.algorithm = algorithm
    }

    /// One evidence record per group, in order, all under one timestamp.
    ///
    /// - Throws: ``EvidenceRecordError`` (no groups, an empty group, a digest of the wrong
    ///   length, SHA-1, a token over another hash) or the authority's `TimestampError`.
    public func records(for groups: [DataObjectGroup]) async throws -> [EvidenceRecord] {
        guard !algorithm.isWeak else { throw EvidenceRecordError(.unsupportedAlgorithm, "\(algorithm) is refused for new hash trees") }
        guard !groups.isEmpty else { throw EvidenceRecordError(.invalidArgument, "no data objects to protect") }
        for (index, group) in groups.enumerated() {
            guard !group.digests.isEmpty else { throw EvidenceRecordError(.invalidArgument, "data object group \(index) is empty") }
            guard group.digests.allSatisfy({ $0.count == algorithm.outputByteCount }) else {
                throw EvidenceRecordError(.invalidArgument, "data object group \(index) holds a hash that is not a \(algorithm) digest")
            }
        }
        let groupValues = groups.map(\.digests)
        let tree = MerkleTree(leaves: groupValues.map { HashTreeRule.groupHash($0, algorithm: algorithm) }, algorithm: algorithm)
        let token = try await Self.stamp(tree.root, algorithm: algorithm, authority: authority)
        return groupValues.indices.map { index in
            let stamp = ArchiveTimeStamp(digestAlgorithm: algorithm, reducedHashtree: tree.reducedHashtree(forLeaf: index, group: groupValues[index]),
                                         timeStamp: token)
            return EvidenceRecord(digestAlgorithms: [algorithm], sequence: ArchiveTimeStampSequence([ArchiveTimeStampChain([stamp])]))
        }
    }

    /// One token over `root`, checked to stamp exactly it.
    static func stamp(_ root: [UInt8], algorithm: DigestAlgorithm, authority: any TimestampAuthority) async throws -> TimestampToken {
        let token = try await authority.timestamp(digest: root, algorithm: algorithm)
        guard token.messageImprint.matches(MessageImprint(algorithm: algorithm, digest: root)) else {
            throw EvidenceRecordError(.timestampMismatch, "the TSA's token does not stamp the hash tree's root")
        }
        return token
    }
}
