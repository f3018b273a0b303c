import ContractModel
import Foundation

/// An ``ArchiveIndex`` that can insert many records in one transaction, for bulk imports
/// (``ArchiveService/ingest(batch:)``).
///
/// One transaction per batch instead of one per record is what makes a bulk import fast; the
/// crash guarantees stay the same: the blobs are stored (and flushed) before the transaction,
/// the transaction applies whole or not at all, and blobs of a batch that was not committed
/// are swept as orphans.
public protocol BatchArchiveIndex: ArchiveIndex {
    /// Inserts every record at version 1 with its ingest entry, and appends the access-log event
    /// `access` makes for each (in order), all in one transaction.
    /// - Parameters:
    ///   - batch: the records, each with the history entry of its ingest.
    ///   - access: the event for a record, given the previous event's hash and the new sequence number.
    /// - Returns: the appended access-log events.
    /// - Throws: ``ArchiveError/Code/versionConflict`` (and inserts nothing) when an id or import key exists.
    func insert(batch: [(record: ArchiveRecord, ingest: RecordCorrection)],
                access: @escaping @Sendable (_ record: ArchiveRecord, _ previousHash: String, _ sequence: Int) -> AuditEvent) async throws -> [AuditEvent]

    /// Which of `importKeys` are already imported.
    func existingImportKeys(_ importKeys: [String]) async throws -> Set<String>
}
