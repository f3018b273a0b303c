import CMSCore
import Foundation

/// A record's evidence record as the archive's index keeps it, with the dates the renewal
/// scheduler judges (so planning never decrypts a document or parses a record).
public struct StoredEvidence: Hashable, Sendable {
    /// The archived record it protects.
    public var recordID: ArchiveRecordID
    /// The RFC 4998 evidence record, DER.
    public var evidenceRecord: [UInt8]
    /// The hash algorithm of the record's newest chain (what a hash-tree renewal replaces).
    public var hashAlgorithm: DigestAlgorithm
    /// The end of the newest archive timestamp's TSA certificate: the record must be renewed before.
    public var protectedUntil: Date
    /// For a PDF with document timestamps (PAdES B-LTA), the end of its latest one's TSA certificate.
    public var padesProtectedUntil: Date?
    /// When the record was made or last renewed.
    public var updatedAt: Date
    /// How many renewals it has had (0 after sealing).
    public var renewals: Int

    /// Stored evidence.
    public init(recordID: ArchiveRecordID, evidenceRecord: [UInt8], hashAlgorithm: DigestAlgorithm, protectedUntil: Date, padesProtectedUntil: Date?,
                updatedAt: Date, renewals: Int) {
        self.recordID = recordID
        self.evidenceRecord = evidenceRecord
        self.hashAlgorithm = hashAlgorithm
        self.protectedUntil = protectedUntil
        self.padesProtectedUntil = padesProtectedUntil
        self.updatedAt = updatedAt
        self.renewals = renewals
    }
}

/// One batch of sealing or renewal in flight: persisted before the TSA is called, its token
/// persisted as soon as it arrives, and deleted in the transaction that stores the batch's
/// evidence. After a crash the batch is finished with the stored token: no second TSA call,
/// no record renewed twice or skipped.
public struct PreservationRun: Hashable, Codable, Sendable {
    /// What the batch does.
    public enum Kind: String, Codable, Sendable {
        /// First evidence records for newly ingested records.
        case seal
        /// A new archive timestamp over the previous one (RFC 4998 §5.2, timestamp renewal).
        case timestampRenewal
        /// A new chain under a new hash algorithm (RFC 4998 §5.2, hash-tree renewal).
        case hashTreeRenewal
    }
    /// A unique identifier.
    public var id: String
    /// What the batch does.
    public var kind: Kind
    /// The records of the batch, in the order their hash tree's leaves take.
    public var recordIDs: [ArchiveRecordID]
    /// The batch's hash algorithm (`sha256`, `sha512`, …).
    public var hashAlgorithm: String
    /// The TSA's token (DER) once received.
    public var token: [UInt8]?
    /// When the batch started.
    public var startedAt: Date

    /// A batch.
    public init(id: String = UUID().uuidString, kind: Kind, recordIDs: [ArchiveRecordID], hashAlgorithm: String, token: [UInt8]? = nil, startedAt: Date) {
        self.id = id
        self.kind = kind
        self.recordIDs = recordIDs
        self.hashAlgorithm = hashAlgorithm
        self.token = token
        self.startedAt = startedAt
    }
}

/// Where the archive keeps evidence records and the batch in flight. An ``ArchiveIndex`` that
/// also conforms (LegalRetentionSQLite's and LegalRetentionPostgres') lets ``ArchiveService``
/// seal ingests and renew protection; each method is one transaction.
public protocol PreservationIndex: Sendable {
    /// Kept records without an evidence record, in id order after `id`, at most `limit`.
    func unsealedRecords(after id: ArchiveRecordID?, limit: Int) async throws -> [ArchiveRecord]
    /// Evidence of kept records in record-id order after `id`, at most `limit`.
    func evidence(after id: ArchiveRecordID?, limit: Int) async throws -> [StoredEvidence]
    /// The evidence of these records (those that have one), in any order.
    func evidence(for ids: [ArchiveRecordID]) async throws -> [StoredEvidence]
    /// Stores (inserts or replaces) `items` and deletes the run `runID`, in one transaction.
    func saveEvidence(_ items: [StoredEvidence], finishing runID: String) async throws
    /// Persists a new run. - Throws: ``ArchiveError/Code/versionConflict`` when one is open.
    func startRun(_ run: PreservationRun) async throws
    /// Persists the TSA's token of the open run `runID`.
    func setRunToken(_ runID: String, token: [UInt8]) async throws
    /// The run in flight, if a process stopped during one.
    func openRun() async throws -> PreservationRun?
    /// Deletes the run `runID` without storing anything.
    func abandonRun(_ runID: String) async throws
}
