import CMSCore
import Foundation
import TimestampClient

/// How an ``EvidenceRecordVerifier`` judges a record.
public struct EvidenceRecordVerificationPolicy: Sendable {
    /// How each archive timestamp's token is judged (trust anchors for TSA certificates,
    /// revocation, accepted TSA policies). `nil` judges integrity only: hash trees and token
    /// signatures, not trust (like `econtract pdf verify` without `--trust`).
    public var timestamps: TimestampVerificationPolicy?
    /// The time of the validation; `nil` means now. The newest timestamp must be valid then.
    public var validationTime: Date?
    /// When each hash algorithm stops being acceptable for the hash trees of a chain (an
    /// ETSI TS 119 312-style table). A chain's algorithm must still be acceptable when the
    /// next hash-tree renewal (or, for the last chain, the validation time) proves it.
    /// Algorithms not listed never expire.
    public var hashAlgorithmSunsets: [DigestAlgorithm: Date]

    /// SHA-1 ends on 2009-01-01 (the SOG-IS / BSI sunset for hash trees); SHA-2 is not limited.
    public static let defaultHashAlgorithmSunsets: [DigestAlgorithm: Date] = [.sha1: Date(timeIntervalSince1970: 1_230_768_000)]

    /// A policy; by default integrity only, at the current time, with ``defaultHashAlgorithmSunsets``.
    public init(timestamps: TimestampVerificationPolicy? = nil, validationTime: Date? = nil,
                hashAlgorithmSunsets: [DigestAlgorithm: Date] = Self.defaultHashAlgorithmSunsets) {
        self.timestamps = timestamps
        self.validationTime = validationTime
        self.hashAlgorithmSunsets = hashAlgorithmSunsets
    }
}
