import ContractModel
import Foundation

/// The archive an app embeds: ingest, search, view, correct, hold, dispose, verify, export.
///
/// It composes an ``ArchiveIndex`` (SQLite or PostgreSQL), a ``BlobStore`` (folder, PostgreSQL or
/// the app's own) and a ``KeyEncryptionKeyProvider``. Every operation is recorded in the access
/// log (a hash chain of ContractModel `AuditEvent`s under ``archiveAccessLogID``), anchored by a
/// timestamp every ``anchorInterval`` events when ``anchoring`` is set.
///
/// The clock is injected; retention is judged on an explicit day (``today``, or the `asOf` the
/// caller passes), so results never depend on when the code runs.
public struct ArchiveService: Sendable {
    /// The index.
    public let index: any ArchiveIndex
    /// The blob store.
    public let blobs: any BlobStore
    /// The key-encryption keys.
    public let keys: any KeyEncryptionKeyProvider
    /// Retention rules.
    public var policy: RetentionPolicy
    /// The clock (times of ingest, corrections, disposals, log entries).
    public var clock: any ContractClock
    /// Who operates (recorded in the access log, corrections and disposals).
    public var actor: String
    /// Anchors the access log; `nil` leaves it unanchored.
    public var anchoring: (any AuditAnchoring)?
    /// Anchor after every this many access-log events.
    public var anchorInterval: Int

    /// An archive.
    public init(index: any ArchiveIndex, blobs: any BlobStore, keys: any KeyEncryptionKeyProvider, policy: RetentionPolicy = RetentionPolicy(),
                clock: any ContractClock = SystemContractClock(), actor: String = "system", anchoring: (any AuditAnchoring)? = nil,
                anchorInterval: Int = 100) {
        self.index = index
        self.blobs = blobs
        self.keys = keys
        self.policy = policy
        self.clock = clock
        self.actor = actor
        self.anchoring = anchoring
        self.anchorInterval = max(1, anchorInterval)
    }

    /// Today in Japan (UTC+9) by ``clock``: the default day retention is judged on.
    public var today: CivilDate { CivilDate(japanStandardTimeOf: clock.now()) }

    /// Removes blobs that no kept record references and that were written before `olderThan`
    /// (left by a crash between the blob write and the index commit, or between a disposal and the
    /// blob deletion). Pass a grace period when other processes may be ingesting at the same time.
    /// - Returns: the removed keys.
    @discardableResult
    public func sweepOrphans(olderThan: Date?) async throws -> [String] {
        let stored = try await blobs.keys(olderThan: olderThan)
        guard !stored.isEmpty else { return [] }
        let referenced = try await index.referencedBlobs()
        var removed: [String] = []
        for key in stored where !referenced.contains(key) {
            try await blobs.delete(key)
            removed.append(key)
        }
        return removed
    }

    /// Archives `document` with `metadata`: encrypts it under a new data key (AAD: record id and
    /// version 1), writes the blob, then inserts the record and its history entry in one index
    /// transaction. With an `importKey` already imported, returns that record unchanged
    /// (restartable bulk import).
    public func ingest(_ document: [UInt8], fileName: String, metadata: RecordMetadata, importKey: String? = nil) async throws -> ArchiveRecord {
        if let importKey, let existing = try await index.record(importKey: importKey) { return existing }
        guard !document.isEmpty else { throw ArchiveError(.invalidArgument, "the document is empty") }
        let id = ArchiveRecordID.random()
        let dataKey = DocumentSealing.newDataKey()
        let blob = try DocumentSealing.seal(document, key: dataKey, id: id, contentVersion: 1)
        let wrapped = try await keys.wrap(dataKey)
        let blobKey = try await blobs.put(blob)
        let now = clock.now()
        let name = (fileName as NSString).lastPathComponent
        let record = ArchiveRecord(
            id: id, version: 1, metadata: metadata,
            document: StoredDocument(sha256: HexDigest.sha256(document), blobSHA256: blobKey, byteCount: document.count,
                                     fileName: name.isEmpty ? "document.pdf" : name, wrappedKey: wrapped),
            ingestedAt: now, retentionEnd: policy.retentionEnd(for: metadata), legalHold: nil, importKey: importKey, disposedAt: nil)
        do {
            try await index.insert(record, ingest: RecordCorrection(recordID: id, version: 1, time: now, actor: actor, reason: "ingest", before: nil,
                                                                    after: metadata))
        } catch {
            try? await blobs.delete(blobKey)
            if let importKey, let existing = try? await index.record(importKey: importKey) { return existing }
            throw error
        }
        try await log(.ingest, ["record": id.rawValue, "sha256": record.document.sha256])
        return record
    }

    /// One page of records matching `query` (logged).
    public func search(_ query: ArchiveQuery) async throws -> ArchiveSearchPage {
        let page = try await index.search(try query.resolved())
        try await log(.search, ["query": Self.describe(query), "results": String(page.records.count)])
        return page
    }

    /// The record (logged as a view). - Throws: ``ArchiveError/Code/notFound``.
    public func show(_ id: ArchiveRecordID) async throws -> ArchiveRecord {
        let record = try await load(id)
        try await log(.view, ["record": id.rawValue])
        return record
    }

    /// The decrypted document, checked against its SHA-256 (logged as a download).
    /// - Throws: ``ArchiveError/Code/disposed``, ``ArchiveError/Code/integrityFailure``.
    public func document(_ id: ArchiveRecordID) async throws -> [UInt8] {
        let bytes = try await decrypt(try await load(id))
        try await log(.download, ["record": id.rawValue])
        return bytes
    }

    func load(_ id: ArchiveRecordID) async throws -> ArchiveRecord {
        guard let record = try await index.record(id) else { throw ArchiveError(.notFound, "no record \(id)") }
        return record
    }

    func decrypt(_ record: ArchiveRecord) async throws -> [UInt8] {
        guard record.disposedAt == nil, let wrapped = record.document.wrappedKey else {
            throw ArchiveError(.disposed, "record \(record.id) was disposed of; its document and key are destroyed")
        }
        let blob = try await blobs.get(record.document.blobSHA256)
        guard HexDigest.sha256(blob) == record.document.blobSHA256 else {
            throw ArchiveError(.integrityFailure, "the blob of \(record.id) no longer matches its SHA-256")
        }
        let plain = try DocumentSealing.open(blob, key: try await keys.unwrap(wrapped), id: record.id, contentVersion: 1)
        guard HexDigest.sha256(plain) == record.document.sha256 else {
            throw ArchiveError(.integrityFailure, "the document of \(record.id) no longer matches its SHA-256")
        }
        return plain
    }

    /// Appends an access-log event, and anchors the head every ``anchorInterval`` events.
    func log(_ operation: ArchiveOperation, _ details: [String: String]) async throws {
        let now = clock.now().wholeMilliseconds, actor = actor
        var allDetails = details
        allDetails["operation"] = operation.rawValue
        let frozen = allDetails
        let event = try await index.appendAccess { previous, sequence in
            AuditEvent.chained(after: previous, sequence: sequence, contractID: archiveAccessLogID, contractVersion: 1, time: now,
                               actor: .member(UserID(actor)), action: operation.auditAction, details: frozen)
        }
        if let anchoring, event.sequence % anchorInterval == 0, let head = HexDigest.decode(event.hash) {
            let (token, time) = try await anchoring.anchor(headHash: head)
            try await index.addAnchor(AuditAnchor(sequence: event.sequence, headHash: event.hash, timestampToken: token, time: time))
        }
    }

    static func describe(_ query: ArchiveQuery) -> String {
        var parts: [String] = []
        if let from = query.from { parts.append("from=\(from)") }
        if let to = query.to { parts.append("to=\(to)") }
        if let minimum = query.minimumAmount { parts.append("min=\(minimum)") }
        if let maximum = query.maximumAmount { parts.append("max=\(maximum)") }
        if let counterparty = query.counterparty { parts.append("counterparty=\(counterparty)") }
        if let type = query.documentType { parts.append("type=\(type)") }
        if let title = query.titleContains { parts.append("title=\(title)") }
        for (name, value) in query.customFields.sorted(by: { $0.key < $1.key }) { parts.append("\(name)=\(value)") }
        parts.append("limit=\(query.limit)")
        parts.append("offset=\(query.offset)")
        return parts.joined(separator: " ")
    }
}

extension HexDigest {
    static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < chars.count {
            guard let high = UInt8(String(UnicodeScalar(chars[index])), radix: 16), let low = UInt8(String(UnicodeScalar(chars[index + 1])), radix: 16) else {
                return nil
            }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}
