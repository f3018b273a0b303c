import ContractModel
import Foundation

/// Whether a record may be deleted on a given day, and why not.
public struct DeletionDecision: Hashable, Codable, Sendable {
    /// The record.
    public var recordID: ArchiveRecordID
    /// The day judged.
    public var asOf: CivilDate
    /// The record's last day of retention.
    public var retentionEnd: CivilDate
    /// Whether a legal hold is set.
    public var underLegalHold: Bool
    /// Whether it was already disposed of.
    public var alreadyDisposed: Bool
    /// Whether deletion is allowed: after the retention end, no hold, not yet disposed of.
    public var allowed: Bool { asOf > retentionEnd && !underLegalHold && !alreadyDisposed }
}

/// What may be disposed of on a day: the 廃棄 list an archive manager signs off.
public struct DisposalReport: Hashable, Codable, Sendable {
    /// The day judged.
    public var asOf: CivilDate
    /// Kept records whose retention has ended and that carry no hold.
    public var eligible: [ArchiveRecord]
    /// Kept records whose retention has ended but that are held.
    public var held: [ArchiveRecord]
    /// Disposals already made.
    public var disposed: [DisposalRecord]
}

extension ArchiveService {
    /// Corrects metadata (訂正): applies `change` to the current metadata and stores the result as
    /// a new version with the before and after, `reason`, ``actor`` and the time; the document is
    /// never touched. Retention is recomputed (a corrected fiscal year or 欠損金 flag moves it).
    /// - Throws: ``ArchiveError/Code/invalidArgument`` for an empty reason or no change,
    ///   ``ArchiveError/Code/disposed``, ``ArchiveError/Code/versionConflict``.
    @discardableResult
    public func correct(_ id: ArchiveRecordID, reason: String, _ change: (inout RecordMetadata) throws -> Void) async throws -> ArchiveRecord {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ArchiveError(.invalidArgument, "a correction needs a reason") }
        var record = try await load(id)
        guard record.disposedAt == nil else { throw ArchiveError(.disposed, "record \(id) was disposed of") }
        var after = record.metadata
        try change(&after)
        guard after != record.metadata else { throw ArchiveError(.invalidArgument, "the correction changes nothing") }
        let correction = RecordCorrection(recordID: id, version: record.version + 1, time: clock.now(), actor: actor, reason: reason,
                                          before: record.metadata, after: after)
        let end = policy.retentionEnd(for: after)
        try await index.correct(correction, retentionEnd: end)
        try await log(.correct, ["record": id.rawValue, "version": String(correction.version), "reason": reason])
        record.version = correction.version
        record.metadata = after
        record.retentionEnd = end
        return record
    }

    /// The record's versions, oldest first (version 1 is the ingest).
    public func history(_ id: ArchiveRecordID) async throws -> [RecordCorrection] {
        _ = try await load(id)
        let entries = try await index.history(id)
        try await log(.view, ["record": id.rawValue, "history": "true"])
        return entries
    }

    /// Sets a legal hold (deletion is refused until it is released).
    public func hold(_ id: ArchiveRecordID, reason: String) async throws {
        guard !reason.isEmpty else { throw ArchiveError(.invalidArgument, "a legal hold needs a reason") }
        _ = try await load(id)
        try await index.setLegalHold(id, LegalHold(reason: reason, setBy: actor, since: clock.now()))
        try await log(.hold, ["record": id.rawValue, "reason": reason])
    }

    /// Releases a legal hold.
    public func release(_ id: ArchiveRecordID, reason: String) async throws {
        _ = try await load(id)
        try await index.setLegalHold(id, nil)
        try await log(.release, ["record": id.rawValue, "reason": reason])
    }

    /// Whether `id` may be deleted on `asOf` (``today`` when `nil`).
    public func deletionDecision(_ id: ArchiveRecordID, asOf: CivilDate? = nil) async throws -> DeletionDecision {
        let record = try await load(id)
        return DeletionDecision(recordID: id, asOf: asOf ?? today, retentionEnd: record.retentionEnd, underLegalHold: record.legalHold != nil,
                                alreadyDisposed: record.disposedAt != nil)
    }

    /// Deletes (disposes of) a record: refused before its retention end and under a hold.
    /// Otherwise the index marks it disposed, drops its wrapped data key (crypto-shredding) and
    /// records the disposal in one transaction; then the blob is deleted. Refusals are logged too.
    /// - Throws: ``ArchiveError/Code/retentionNotEnded``, ``ArchiveError/Code/underLegalHold``, ``ArchiveError/Code/disposed``.
    @discardableResult
    public func delete(_ id: ArchiveRecordID, reason: String, asOf: CivilDate? = nil) async throws -> DisposalRecord {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ArchiveError(.invalidArgument, "a deletion needs a reason") }
        let record = try await load(id)
        let decision = try await deletionDecision(id, asOf: asOf)
        if !decision.allowed {
            let error: ArchiveError
            if decision.alreadyDisposed {
                error = ArchiveError(.disposed, "record \(id) was already disposed of")
            } else if decision.underLegalHold {
                error = ArchiveError(.underLegalHold, "record \(id) is under a legal hold: \(record.legalHold?.reason ?? "")")
            } else {
                error = ArchiveError(.retentionNotEnded, "record \(id) must be kept until \(record.retentionEnd) (judged on \(decision.asOf))")
            }
            try await log(.delete, ["record": id.rawValue, "refused": "\(error.code)", "asOf": decision.asOf.description])
            throw error
        }
        let disposal = DisposalRecord(recordID: id, time: clock.now(), actor: actor, reason: reason, documentSHA256: record.document.sha256,
                                      metadata: record.metadata, retentionEnd: record.retentionEnd)
        try await index.dispose(disposal)
        try await blobs.delete(record.document.blobSHA256)
        try await log(.delete, ["record": id.rawValue, "reason": reason, "asOf": decision.asOf.description, "sha256": record.document.sha256])
        return disposal
    }

    /// Records eligible for disposal on `asOf`, those held, and those already disposed of.
    public func disposalReport(asOf: CivilDate? = nil) async throws -> DisposalReport {
        let day = asOf ?? today
        var eligible: [ArchiveRecord] = [], held: [ArchiveRecord] = []
        var cursor: ArchiveRecordID?
        while true {
            let batch = try await index.records(after: cursor, limit: 500)
            guard let last = batch.last else { break }
            for record in batch where day > record.retentionEnd {
                if record.legalHold != nil { held.append(record) } else { eligible.append(record) }
            }
            cursor = last.id
        }
        return DisposalReport(asOf: day, eligible: eligible, held: held, disposed: try await index.disposals())
    }

    /// Key rotation: unwraps every kept record's data key and wraps it with the provider's
    /// current KEK. The encrypted documents are not read or rewritten.
    /// - Returns: the number of keys re-wrapped.
    @discardableResult
    public func rotateKeys(progress: (@Sendable (Int) -> Void)? = nil) async throws -> Int {
        let current = try await keys.currentKeyID
        var cursor: ArchiveRecordID?, count = 0
        while true {
            let batch = try await index.records(after: cursor, limit: 500)
            guard let last = batch.last else { break }
            for record in batch {
                guard let wrapped = record.document.wrappedKey, wrapped.keyID != current else { continue }
                try await index.updateWrappedKey(record.id, try await keys.wrap(try await keys.unwrap(wrapped)))
                count += 1
            }
            progress?(count)
            cursor = last.id
        }
        try await log(.rotateKeys, ["keyID": current, "rewrapped": String(count)])
        return count
    }
}
