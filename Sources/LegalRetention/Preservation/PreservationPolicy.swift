import CMSCore
import Foundation

/// When a hash algorithm stops being fit for new hash trees, and what replaces it: one row of
/// an ETSI TS 119 312-style table ("suitable until").
public struct HashAlgorithmSunset: Hashable, Sendable {
    /// The algorithm being retired.
    public var algorithm: DigestAlgorithm
    /// The first day it is no longer suitable: records still relying on it must have been
    /// hash-tree renewed before.
    public var sunset: Date
    /// The algorithm the renewal moves to.
    public var successor: DigestAlgorithm

    /// A row.
    public init(algorithm: DigestAlgorithm, sunset: Date, successor: DigestAlgorithm) {
        self.algorithm = algorithm
        self.sunset = sunset
        self.successor = successor
    }
}

/// How a signed PDF whose own PAdES timestamps expire is kept provable.
public enum PAdESRenewalPreference: String, Hashable, Codable, Sendable {
    /// The record's evidence record protects the PDF (and its validation material) as bytes; its
    /// batched renewal is enough. The default: one TSA call for the whole batch.
    case evidenceRecord
    /// The app wants a PAdES LTA renewal (`pdf ltv`: DSS update plus document timestamp) per
    /// file. The scheduler lists such files with ``RenewalReason/Kind/padesTimestampExpires``
    /// for the app to renew, one TSA call each; archived blobs are immutable, so the archive
    /// does not rewrite them itself.
    case padesLTAPerFile
}

/// What the renewal scheduler protects and how.
public struct PreservationPolicy: Sendable {
    /// How far ahead to look: everything whose protection ends before `asOf + horizon` is renewed.
    public var horizon: DateComponents
    /// The hash-algorithm table. The default lists none: SHA-2 has no announced sunset.
    public var hashAlgorithmSunsets: [HashAlgorithmSunset]
    /// The hash algorithm of new evidence records.
    public var sealingAlgorithm: DigestAlgorithm
    /// How PDFs with expiring PAdES timestamps are handled.
    public var padesRenewal: PAdESRenewalPreference
    /// Records per batch (one TSA call each).
    public var batchSize: Int

    /// A policy: 12 months ahead, SHA-256 trees, evidence records for PDFs too, batches of 100,000.
    public init(horizon: DateComponents = DateComponents(month: 12), hashAlgorithmSunsets: [HashAlgorithmSunset] = [],
                sealingAlgorithm: DigestAlgorithm = .sha256, padesRenewal: PAdESRenewalPreference = .evidenceRecord, batchSize: Int = 100_000) {
        self.horizon = horizon
        self.hashAlgorithmSunsets = hashAlgorithmSunsets
        self.sealingAlgorithm = sealingAlgorithm
        self.padesRenewal = padesRenewal
        self.batchSize = max(1, batchSize)
    }

    /// The end of the horizon seen from `time`.
    public func horizonEnd(from time: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: horizon, to: time) ?? time
    }

    /// The table's row for `algorithm`, if it has one.
    public func sunset(of algorithm: DigestAlgorithm) -> HashAlgorithmSunset? {
        hashAlgorithmSunsets.first { $0.algorithm == algorithm }
    }
}
