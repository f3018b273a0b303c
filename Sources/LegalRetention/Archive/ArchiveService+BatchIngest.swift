import ContractModel
import Foundation

/// One document for ``ArchiveService/ingest(batch:)``.
public struct ArchiveIngestRequest: Sendable {
    /// The document's bytes.
    public var document: [UInt8]
    /// Its file name (directories are dropped).
    public var fileName: String
    /// Its metadata.
    public var metadata: RecordMetadata
    /// The bulk import's key for it (file and row), making the import restartable.
    public var importKey: String?

    /// A request.
    public init(document: [UInt8], fileName: String, metadata: RecordMetadata, importKey: String? = nil) {
        self.document = document
        self.fileName = fileName
        self.metadata = metadata
        self.importKey = importKey
    }
}

/// What ``ArchiveService/ingest(batch:)`` did with one request.
public enum ArchiveIngestOutcome: Sendable {
    /// Archived now.
    case imported(ArchiveRecord)
    /// Its import key was imported before (a resumed import): that record, unchanged.
    case alreadyImported(ArchiveRecord)
}

extension ArchiveService {
    /// Archives many documents at once: each is encrypted under its own data key as in
    /// ``ingest(_:fileName:metadata:importKey:)``, the blobs are stored together (one folder flush
    /// for all with ``FileBlobStore``), and the records, their history entries and their
    /// access-log events are committed in one index transaction when the index is a
    /// ``BatchArchiveIndex`` (one by one otherwise).
    ///
    /// A crash at any point leaves every record of the batch or none, and no record without its
    /// blob; blobs of an uncommitted batch are swept by ``sweepOrphans(olderThan:)``. (With an
    /// index that is not a ``BatchArchiveIndex``, each record commits on its own, and the access log
    /// is anchored as by single ingests.) An empty document refuses the whole batch up front.
    /// - Returns: one outcome per request, in order.
    public func ingest(batch requests: [ArchiveIngestRequest]) async throws -> [ArchiveIngestOutcome] {
        for (offset, request) in requests.enumerated() where request.document.isEmpty {
            throw ArchiveError(.invalidArgument, "document \(offset + 1) of the batch (\(request.fileName)) is empty")
        }
        guard let batchIndex = index as? any BatchArchiveIndex else { return try await ingestOneByOne(requests) }
        let existing = try await batchIndex.existingImportKeys(requests.compactMap(\.importKey))
        var fresh: [(offset: Int, request: ArchiveIngestRequest)] = []
        var seenKeys = Set<String>()
        for (offset, request) in requests.enumerated() {
            if let key = request.importKey, existing.contains(key) || !seenKeys.insert(key).inserted { continue }
            fresh.append((offset, request))
        }
        let now = clock.now()
        var sealed: [[UInt8]] = [], prepared: [(record: ArchiveRecord, ingest: RecordCorrection)] = []
        for (_, request) in fresh {
            let id = ArchiveRecordID.random()
            let dataKey = DocumentSealing.newDataKey()
            sealed.append(try DocumentSealing.seal(request.document, key: dataKey, id: id, contentVersion: 1))
            let wrapped = try await keys.wrap(dataKey)
            let name = (request.fileName as NSString).lastPathComponent
            let record = ArchiveRecord(
                id: id, version: 1, metadata: request.metadata,
                document: StoredDocument(sha256: HexDigest.sha256(request.document), blobSHA256: "", byteCount: request.document.count,
                                         fileName: name.isEmpty ? "document.pdf" : name, wrappedKey: wrapped),
                ingestedAt: now, retentionEnd: policy.retentionEnd(for: request.metadata), legalHold: nil, importKey: request.importKey, disposedAt: nil)
            prepared.append((record, RecordCorrection(recordID: id, version: 1, time: now, actor: actor, reason: "ingest", before: nil, after: request.metadata)))
        }
        let blobKeys: [String]
        if let files = blobs as? FileBlobStore {
            blobKeys = try await files.put(batch: sealed)
        } else {
            var keys: [String] = []
            for blob in sealed { keys.append(try await blobs.put(blob)) }
            blobKeys = keys
        }
        for index in prepared.indices { prepared[index].record.document.blobSHA256 = blobKeys[index] }
        let time = now.wholeMilliseconds, actor = actor
        let events: [AuditEvent]
        do {
            events = try await batchIndex.insert(batch: prepared) { record, previous, sequence in
                AuditEvent.chained(after: previous, sequence: sequence, contractID: archiveAccessLogID, contractVersion: 1, time: time,
                                   actor: .member(UserID(actor)), action: ArchiveOperation.ingest.auditAction,
                                   details: ["operation": ArchiveOperation.ingest.rawValue, "record": record.id.rawValue, "sha256": record.document.sha256])
            }
        } catch let error as ArchiveError where error.code == .versionConflict {
            // Another writer imported some of these keys meanwhile: drop this batch's blobs and go one by one.
            for key in blobKeys { try? await blobs.delete(key) }
            return try await ingestOneByOne(requests)
        } catch {
            for key in blobKeys { try? await blobs.delete(key) }
            throw error
        }
        if let anchoring, let first = events.first, let last = events.last,
           (first.sequence - 1) / anchorInterval != last.sequence / anchorInterval,
           let head = HexDigest.decode(last.hash) {
            let (token, time) = try await anchoring.anchor(headHash: head)
            try await index.addAnchor(AuditAnchor(sequence: last.sequence, headHash: last.hash, timestampToken: token, time: time))
        }
        var byOffset: [Int: ArchiveRecord] = [:]
        for (item, entry) in zip(fresh, prepared) { byOffset[item.offset] = entry.record }
        var outcomes: [ArchiveIngestOutcome] = []
        for (offset, request) in requests.enumerated() {
            if let record = byOffset[offset] {
                outcomes.append(.imported(record))
            } else if let key = request.importKey, let record = try await index.record(importKey: key) {
                outcomes.append(.alreadyImported(record))
            } else {
                throw ArchiveError(.storageFailure, "import key \(request.importKey ?? "") vanished during the batch")
            }
        }
        return outcomes
    }

    func ingestOneByOne(_ requests: [ArchiveIngestRequest]) async throws -> [ArchiveIngestOutcome] {
        var outcomes: [ArchiveIngestOutcome] = []
        for request in requests {
            if let key = request.importKey, let existing = try await index.record(importKey: key) {
                outcomes.append(.alreadyImported(existing))
            } else {
                outcomes.append(.imported(try await ingest(request.document, fileName: request.fileName, metadata: request.metadata, importKey: request.importKey)))
            }
        }
        return outcomes
    }
}
