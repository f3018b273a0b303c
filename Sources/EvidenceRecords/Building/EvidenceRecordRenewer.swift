import CMSCore
import Foundation
import TimestampClient

/// Renews evidence records in batches, with **one** RFC 3161 timestamp per call (RFC 4998 §5.2).
///
/// - ``renewTimestamps(_:)``: before a timestamp's certificate expires or its signature
///   algorithm weakens, a new archive timestamp in the same chain stamps the hash of the
///   previous timestamp (the `ContentInfo` as encoded). Records whose last timestamps differ
///   share one token through a hash tree over those hashes.
/// - ``renewHashTrees(_:dataObjects:algorithm:)``: before the hash algorithm weakens, a new chain
///   starts with the new algorithm over `H(h(d) ‖ ha)` for each data object `d`, where `ha`
///   hashes the record's whole previous `ArchiveTimeStampSequence` (see ``HashTreeRule``).
public struct EvidenceRecordRenewer: Sendable {
    /// The time-stamping authority (called once per renewal).
    public let authority: any TimestampAuthority

    /// A renewer using `authority`.
    public init(authority: any TimestampAuthority) {
        self.authority = authority
    }

    /// Appends one archive timestamp to the last chain of every record; one TSA call in all.
    ///
    /// - Throws: ``EvidenceRecordError`` (no records, an algorithm this library cannot compute)
    ///   or the authority's `TimestampError`.
    public func renewTimestamps(_ records: [EvidenceRecord]) async throws -> [EvidenceRecord] {
        guard !records.isEmpty else { throw EvidenceRecordError(.invalidArgument, "no evidence records to renew") }
        let algorithm = try Self.chainAlgorithm(of: records[0])
        // Records built together share their token's storage: hash each distinct token once.
        var leafByStorage: [StorageKey: Int] = [:]
        var leafIndex: [[UInt8]: Int] = [:]
        var leaves: [[UInt8]] = []
        var recordLeaf: [Int] = []
        recordLeaf.reserveCapacity(records.count)
        for record in records {
            guard let lastChain = record.archiveTimeStampSequence.chains.last, let lastStamp = lastChain.archiveTimeStamps.last,
                  lastChain.archiveTimeStamps[0].digestAlgorithmOID == algorithm.oid else {
                throw EvidenceRecordError(.invalidArgument, "records whose last chains use different hash algorithms cannot share one renewal")
            }
            let token = lastStamp.timeStamp.derEncoded
            let key = StorageKey(address: token.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }, count: token.count)
            if let index = leafByStorage[key] {
                recordLeaf.append(index)
                continue
            }
            let hash = algorithm.hash(token)
            let index: Int
            if let known = leafIndex[hash] {
                index = known
            } else {
                index = leaves.count
                leafIndex[hash] = index
                leaves.append(hash)
            }
            leafByStorage[key] = index
            recordLeaf.append(index)
        }
        let tree = MerkleTree(leaves: leaves, algorithm: algorithm)
        let token = try await EvidenceRecordBuilder.stamp(tree.root, algorithm: algorithm, authority: authority)
        let stamps = leaves.indices.map {
            ArchiveTimeStamp(digestAlgorithm: algorithm, reducedHashtree: tree.reducedHashtree(forLeaf: $0, group: [leaves[$0]]), timeStamp: token)
        }
        return records.indices.map { index in
            var record = records[index]
            let last = record.archiveTimeStampSequence.chains.count - 1
            record.archiveTimeStampSequence.chains[last].archiveTimeStamps.append(stamps[recordLeaf[index]])
            return record
        }
    }

    /// Starts a new chain with `algorithm` in every record; one TSA call in all.
    ///
    /// - Parameters:
    ///   - records: the records to renew.
    ///   - dataObjects: for each record, the data objects it protects (their bytes, or their
    ///     hashes with `algorithm`), in any order.
    ///   - algorithm: the new hash algorithm (for example SHA-512 replacing SHA-256).
    /// - Throws: ``EvidenceRecordError`` (counts differ, a missing hash, SHA-1) or the
    ///   authority's `TimestampError`.
    public func renewHashTrees(_ records: [EvidenceRecord], dataObjects: [[DataObject]], algorithm: DigestAlgorithm) async throws -> [EvidenceRecord] {
        guard !algorithm.isWeak else { throw EvidenceRecordError(.unsupportedAlgorithm, "\(algorithm) is refused for new hash trees") }
        guard !records.isEmpty, records.count == dataObjects.count else {
            throw EvidenceRecordError(.invalidArgument, "give the data objects of each record (\(records.count) records, \(dataObjects.count) lists)")
        }
        var groups: [[[UInt8]]] = []
        groups.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            guard !dataObjects[index].isEmpty else { throw EvidenceRecordError(.invalidArgument, "record \(index) has no data objects given") }
            let sequenceHash = algorithm.hash(try record.archiveTimeStampSequence.encodingOfChains(prefix: record.archiveTimeStampSequence.chains.count))
            groups.append(try dataObjects[index].map { object in
                guard let hash = object.digest(algorithm) else {
                    throw EvidenceRecordError(.invalidArgument, "a data object of record \(index) has no \(algorithm) hash")
                }
                return HashTreeRule.renewedObjectHash(objectHash: hash, sequenceHash: sequenceHash, algorithm: algorithm)
            })
        }
        let tree = MerkleTree(leaves: groups.map { HashTreeRule.groupHash($0, algorithm: algorithm) }, algorithm: algorithm)
        let token = try await EvidenceRecordBuilder.stamp(tree.root, algorithm: algorithm, authority: authority)
        return records.indices.map { index in
            var record = records[index]
            let stamp = ArchiveTimeStamp(digestAlgorithm: algorithm, reducedHashtree: tree.reducedHashtree(forLeaf: index, group: groups[index]),
                                         timeStamp: token)
            record.archiveTimeStampSequence.chains.append(ArchiveTimeStampChain([stamp]))
            record.listAlgorithm(algorithm)
            return record
        }
    }

    /// Where a token's bytes live: records made together share one buffer, so equal keys (among
    /// arrays alive at once) mean equal bytes; different keys are simply hashed again.
    struct StorageKey: Hashable {
        let address: Int
        let count: Int
    }

    /// The hash algorithm of a record's last chain.
    static func chainAlgorithm(of record: EvidenceRecord) throws -> DigestAlgorithm {
        guard let first = record.archiveTimeStampSequence.chains.last?.archiveTimeStamps.first else {
            throw EvidenceRecordError(.invalidArgument, "the evidence record has no archive timestamp")
        }
        guard let algorithm = first.digestAlgorithm else {
            throw EvidenceRecordError(.unsupportedAlgorithm, "the last chain's hash algorithm \(first.digestAlgorithmOID) cannot be computed here")
        }
        return algorithm
    }
}
