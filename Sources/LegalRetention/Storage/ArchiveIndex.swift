import ContractModel
import Foundation

/// The archive's index: records, their versions, disposals and the access log.
///
/// LegalRetentionSQLite (embedded, GRDB) and LegalRetentionPostgres (several app processes) implement
/// it; the same test bodies run against both. Each method is one transaction: it applies whole or not at all.
public protocol ArchiveIndex: Sendable {
    /// Adds a record at version 1 with its ingest entry in the history.
    /// - Throws: ``ArchiveError/Code/versionConflict`` when the id or the import key exists.
    func insert(_ record: ArchiveRecord, ingest: RecordCorrection) async throws
    /// The record (also when disposed), or `nil`.
    func record(_ id: ArchiveRecordID) async throws -> ArchiveRecord?
    /// The record imported under `importKey`, or `nil`.
    func record(importKey: String) async throws -> ArchiveRecord?
    /// One page of kept records matching `query`.
    func search(_ query: ResolvedArchiveQuery) async throws -> ArchiveSearchPage
    /// Replaces the metadata (and retention end) if the stored version is `correction.version - 1`,
    /// and appends `correction` to the history. - Throws: ``ArchiveError/Code/versionConflict``.
    func correct(_ correction: RecordCorrection, retentionEnd: CivilDate) async throws
    /// The history, oldest first (the ingest is version 1).
    func history(_ id: ArchiveRecordID) async throws -> [RecordCorrection]
    /// Sets or clears the legal hold.
    func setLegalHold(_ id: ArchiveRecordID, _ hold: LegalHold?) async throws
    /// Marks the record disposed of, drops its wrapped key and records `disposal`, if the record
    /// is still kept. - Throws: ``ArchiveError/Code/disposed``.
    func dispose(_ disposal: DisposalRecord) async throws
    /// Every disposal, oldest first.
    func disposals() async throws -> [DisposalRecord]
    /// Replaces a record's wrapped data key (key rotation).
    func updateWrappedKey(_ id: ArchiveRecordID, _ key: WrappedDataKey) async throws
    /// Kept records in id order after `id` (`nil`: from the start), at most `limit`: for verification and rotation.
    func records(after id: ArchiveRecordID?, limit: Int) async throws -> [ArchiveRecord]
    /// The blob keys of kept records.
    func referencedBlobs() async throws -> Set<String>
    /// Appends the event `make` returns for the current head (hash and sequence; genesis and 1 when empty).
    func appendAccess(_ make: @escaping @Sendable (_ previousHash: String, _ sequence: Int) -> AuditEvent) async throws -> AuditEvent
    /// The access log, in order.
    func accessLog() async throws -> [AuditEvent]
    /// Stores an anchor of the access log.
    func addAnchor(_ anchor: AuditAnchor) async throws
    /// The access log's anchors.
    func anchors() async throws -> [AuditAnchor]
}
