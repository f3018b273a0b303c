import Foundation

/// Why a record's protection must be renewed before the horizon.
public struct RenewalReason: Hashable, Codable, Sendable {
    /// The kind of reason.
    public enum Kind: String, Hashable, Codable, Sendable {
        /// The record has no evidence record yet (ingested since the last sealing).
        case unsealed
        /// The newest archive timestamp's TSA certificate ends before the horizon.
        case timestampExpires
        /// The newest chain's hash algorithm reaches its sunset before the horizon.
        case hashAlgorithmSunset
        /// The PDF's latest document timestamp's TSA certificate ends before the horizon (and,
        /// with ``PAdESRenewalPreference/evidenceRecord``, its evidence record's too).
        case padesTimestampExpires
    }
    /// The kind.
    public var kind: Kind
    /// When the protection ends (the certificate's end or the sunset); `nil` for ``Kind/unsealed``.
    public var until: Date?
    /// The hash algorithm concerned (for ``Kind/hashAlgorithmSunset``: the one retired).
    public var hashAlgorithm: String?

    /// A reason.
    public init(kind: Kind, until: Date?, hashAlgorithm: String? = nil) {
        self.kind = kind
        self.until = until
        self.hashAlgorithm = hashAlgorithm
    }
}

/// What the scheduler will do for one record.
public enum RenewalAction: String, Hashable, Codable, Sendable {
    /// Make its first evidence record (batched with the others).
    case seal
    /// Add an archive timestamp (batched).
    case timestampRenewal
    /// Start a new chain under the successor algorithm (batched).
    case hashTreeRenewal
    /// Left to the app: a PAdES LTA renewal of the file (policy ``PAdESRenewalPreference/padesLTAPerFile``).
    case padesLTAPerFile
}

/// One record that needs renewing.
public struct RenewalCandidate: Hashable, Codable, Sendable {
    /// The record.
    public var recordID: ArchiveRecordID
    /// The action.
    public var action: RenewalAction
    /// Every reason found.
    public var reasons: [RenewalReason]
    /// The earliest end among the reasons, `nil` when unsealed.
    public var dueBy: Date? { reasons.compactMap(\.until).min() }

    /// A candidate.
    public init(recordID: ArchiveRecordID, action: RenewalAction, reasons: [RenewalReason]) {
        self.recordID = recordID
        self.action = action
        self.reasons = reasons
    }
}

/// What ``ArchiveService/renewalPlan(asOf:policy:)`` found.
public struct RenewalPlan: Hashable, Codable, Sendable {
    /// The time judged.
    public var asOf: Date
    /// The end of the horizon.
    public var horizonEnd: Date
    /// Kept records looked at.
    public var recordsScanned: Int
    /// The records to renew, in record-id order.
    public var candidates: [RenewalCandidate]

    /// Candidates with `action`.
    public func candidates(_ action: RenewalAction) -> [RenewalCandidate] { candidates.filter { $0.action == action } }

    /// TSA calls the batched actions take with `batchSize` (per-file PAdES renewals not counted).
    public func timestampCalls(batchSize: Int) -> Int {
        [RenewalAction.seal, .timestampRenewal, .hashTreeRenewal].reduce(0) { total, action in
            let count = candidates(action).count
            return total + (count + max(1, batchSize) - 1) / max(1, batchSize)
        }
    }
}

/// What ``ArchiveService/renew(asOf:policy:authority:progress:)`` did.
public struct RenewalOutcome: Hashable, Codable, Sendable {
    /// The plan carried out.
    public var plan: RenewalPlan
    /// Whether a batch left by an interrupted run was finished first (with its stored token).
    public var resumedInterruptedBatch: Bool
    /// Records sealed, timestamp-renewed and hash-tree-renewed.
    public var sealed: Int, timestampRenewed: Int, hashTreeRenewed: Int
    /// Files left to the app's per-file PAdES LTA renewal.
    public var leftForPAdESRenewal: [ArchiveRecordID]
    /// TSA calls made.
    public var timestampCalls: Int
}

/// Progress of a sealing or renewal: at each stage of each batch.
public struct RenewalProgress: Hashable, Sendable {
    /// Where a batch is.
    public enum Stage: String, Hashable, Sendable {
        /// Persisted, before the TSA call.
        case started
        /// The TSA's token is persisted; the records are not stored yet.
        case stamped
        /// The batch's records are stored (and the batch deleted) in one transaction.
        case stored
    }
    /// The batch's kind.
    public var kind: PreservationRun.Kind
    /// The stage reached.
    public var stage: Stage
    /// Records stored so far in this kind of batch.
    public var done: Int
    /// Records this kind of batch covers in all (for sealing: so far).
    public var total: Int
}
