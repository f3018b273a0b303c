import CMSCore
import Foundation

/// How hash values combine in an evidence record's hash tree.
///
/// - A group of hashes (one partial hash tree, plus the value carried up from the level below)
///   is sorted in binary ascending order, concatenated and hashed (RFC 4998 §4.2 step 4 and
///   §5.3; RFC 6283 §3.2.2 says the same for XML ERS).
/// - A group of one value passes up unhashed, as EU DSS, BouncyCastle and RFC 6283 do.
/// - A hash-tree renewal binds each data object's new hash to the hash of the previous
///   `ArchiveTimeStampSequence` as `H(h(d) ‖ ha)`: **unsorted, data object first** (RFC 4998 §5.2
///   step 4). Figure 4 of RFC 4998 says "binary sorted", but the text and every known ASN.1
///   record (EU DSS's `ASN1ArchiveTimeStampSequenceDigestHelper` comments on this) use the
///   fixed order.
public enum HashTreeRule {
    /// The hash of one group: its only value, or `H(sorted values concatenated)`.
    public static func groupHash(_ values: [[UInt8]], algorithm: DigestAlgorithm) -> [UInt8] {
        if values.count == 1 { return values[0] }
        let sorted = values.sorted { $0.lexicographicallyPrecedes($1) }
        var digest = StreamingDigest(algorithm)
        for value in sorted { digest.update(value) }
        return digest.finalize()
    }

    /// The hash of two values (one tree node): `H(min ‖ max)`.
    static func pairHash(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>, algorithm: DigestAlgorithm) -> [UInt8] {
        let (first, second) = a.lexicographicallyPrecedes(b) ? (a, b) : (b, a)
        var digest = StreamingDigest(algorithm)
        digest.update(first)
        digest.update(second)
        return digest.finalize()
    }

    /// The root a reduced hash tree leads to (the value a token must stamp): the first partial
    /// hash tree's group hash, then each following level's values with the value from below.
    ///
    /// - Returns: `nil` for an empty tree.
    public static func root(of reducedHashtree: [PartialHashtree], algorithm: DigestAlgorithm) -> [UInt8]? {
        var carried: [UInt8]?
        for level in reducedHashtree {
            let values = level.values + (carried.map { [$0] } ?? [])
            guard !values.isEmpty else { return nil }
            carried = groupHash(values, algorithm: algorithm)
        }
        return carried
    }

    /// A data object's value in a renewed hash tree: `H(h(d) ‖ ha)`, where `ha` is the hash of the
    /// previous `ArchiveTimeStampSequence`, both with the new algorithm (RFC 4998 §5.2 step 4).
    public static func renewedObjectHash(objectHash: [UInt8], sequenceHash: [UInt8], algorithm: DigestAlgorithm) -> [UInt8] {
        algorithm.hash(objectHash + sequenceHash)
    }
}
