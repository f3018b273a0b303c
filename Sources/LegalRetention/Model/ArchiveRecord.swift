import ContractModel
import Foundation

/// The stored document of a record: its hashes and how its data key is wrapped.
public struct StoredDocument: Hashable, Codable, Sendable {
    /// SHA-256 (hex) of the document as ingested (the PDF's bytes).
    public var sha256: String
    /// SHA-256 (hex) of the encrypted blob: its address in the ``BlobStore``.
    public var blobSHA256: String
    /// The document's size in bytes.
    public var byteCount: Int
    /// The file name given at ingest (for exports), without directories.
    public var fileName: String
    /// The data key, wrapped by the key-encryption key; `nil` once disposed (crypto-shredded).
    public var wrappedKey: WrappedDataKey?

    /// A stored document.
    public init(sha256: String, blobSHA256: String, byteCount: Int, fileName: String, wrappedKey: WrappedDataKey?) {
        self.sha256 = sha256
        self.blobSHA256 = blobSHA256
        self.byteCount = byteCount
        self.fileName = fileName
        self.wrappedKey = wrappedKey
    }
}

/// A legal hold: deletion is refused while it is set.
public struct LegalHold: Hashable, Codable, Sendable {
    /// Why (case number, audit, litigation).
    public var reason: String
    /// Who set it.
    public var setBy: String
    /// When.
    public var since: Date
    /// A hold.
    public init(reason: String, setBy: String, since: Date) {
        self.reason = reason
        self.setBy = setBy
        self.since = since
    }
}

/// One archived record as the index keeps it.
public struct ArchiveRecord: Hashable, Codable, Sendable {
    /// The identifier.
    public var id: ArchiveRecordID
    /// 1 at ingest, one more per correction.
    public var version: Int
    /// The current metadata.
    public var metadata: RecordMetadata
    /// The document.
    public var document: StoredDocument
    /// When it was ingested.
    public var ingestedAt: Date
    /// The last day of its retention period (deletion is allowed from the day after).
    public var retentionEnd: CivilDate
    /// A legal hold, if set.
    public var legalHold: LegalHold?
    /// The caller's key for this record in a bulk import (file path and row), to make imports restartable.
    public var importKey: String?
    /// When it was disposed of, or `nil` while kept.
    public var disposedAt: Date?

    /// A record as stored.
    public init(id: ArchiveRecordID, version: Int, metadata: RecordMetadata, document: StoredDocument, ingestedAt: Date, retentionEnd: CivilDate,
                legalHold: LegalHold?, importKey: String?, disposedAt: Date?) {
        self.id = id
        self.version = version
        self.metadata = metadata
        self.document = document
        self.ingestedAt = ingestedAt
        self.retentionEnd = retentionEnd
        self.legalHold = legalHold
        self.importKey = importKey
        self.disposedAt = disposedAt
    }
}

/// A correction (訂正): one new version of a record's metadata, with what changed and why.
public struct RecordCorrection: Hashable, Codable, Sendable {
    /// The record.
    public var recordID: ArchiveRecordID
    /// The version this correction created (2, 3, …); version 1 is the ingest, with `before` empty.
    public var version: Int
    /// When.
    public var time: Date
    /// Who.
    public var actor: String
    /// Why.
    public var reason: String
    /// The metadata before (`nil` for the ingest).
    public var before: RecordMetadata?
    /// The metadata after.
    public var after: RecordMetadata
    /// A correction.
    public init(recordID: ArchiveRecordID, version: Int, time: Date, actor: String, reason: String, before: RecordMetadata?, after: RecordMetadata) {
        self.recordID = recordID
        self.version = version
        self.time = time
        self.actor = actor
        self.reason = reason
        self.before = before
        self.after = after
    }
}

/// A disposal (削除): kept forever after the record's document and key are gone.
public struct DisposalRecord: Hashable, Codable, Sendable {
    /// The record.
    public var recordID: ArchiveRecordID
    /// When.
    public var time: Date
    /// Who.
    public var actor: String
    /// Why.
    public var reason: String
    /// The document's SHA-256, so the disposal names exactly what was destroyed.
    public var documentSHA256: String
    /// The metadata at disposal.
    public var metadata: RecordMetadata
    /// The retention end the disposal was judged against.
    public var retentionEnd: CivilDate
    /// A disposal record.
    public init(recordID: ArchiveRecordID, time: Date, actor: String, reason: String, documentSHA256: String, metadata: RecordMetadata,
                retentionEnd: CivilDate) {
        self.recordID = recordID
        self.time = time
        self.actor = actor
        self.reason = reason
        self.documentSHA256 = documentSHA256
        self.metadata = metadata
        self.retentionEnd = retentionEnd
    }
}
