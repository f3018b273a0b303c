import CMSCore
import EvidenceRecords
import Foundation
import TimestampClient

extension ArchiveService {
    /// The index's evidence-record side. - Throws: ``ArchiveError/Code/invalidArgument`` when
    /// the index does not keep evidence records (it does not conform to ``PreservationIndex``).
    public func preservationIndex() throws -> any PreservationIndex {
        guard let preservation = index as? any PreservationIndex else {
            throw ArchiveError(.invalidArgument, "this archive index does not keep evidence records")
        }
        return preservation
    }

    /// Gives every kept record without an evidence record its first one: batches of
    /// `policy.batchSize` records, one timestamp each (RFC 4998 hash trees). An interrupted
    /// batch is finished first, with its stored token.
    /// - Returns: the records sealed and the TSA calls made.
    @discardableResult
    public func sealPending(authority: any TimestampAuthority, policy: PreservationPolicy = PreservationPolicy(),
                            progress: (@Sendable (RenewalProgress) -> Void)? = nil) async throws -> (sealed: Int, timestampCalls: Int) {
        let preservation = try preservationIndex()
        let calls = CallCounter()
        var sealed = 0
        if let open = try await preservation.openRun() { sealed += try await finish(open, authority: authority, policy: policy, calls: calls, progress: nil) }
        while true {
            let batch = try await preservation.unsealedRecords(after: nil, limit: policy.batchSize)
            guard !batch.isEmpty else { break }
            let run = PreservationRun(kind: .seal, recordIDs: batch.map(\.id), hashAlgorithm: policy.sealingAlgorithm.description, startedAt: clock.now())
            try await preservation.startRun(run)
            progress?(RenewalProgress(kind: .seal, stage: .started, done: sealed, total: sealed + batch.count))
            let stamped = Self.stampedReporter(progress, RenewalProgress(kind: .seal, stage: .stamped, done: sealed, total: sealed + batch.count))
            sealed += try await finish(run, authority: authority, policy: policy, calls: calls, progress: stamped)
            progress?(RenewalProgress(kind: .seal, stage: .stored, done: sealed, total: sealed))
        }
        if sealed > 0 { try await log(.preserve, ["action": "seal", "records": String(sealed)]) }
        return (sealed, await calls.count)
    }

    /// Carries out `run` (new or interrupted) and stores its evidence records with the run's
    /// deletion in one transaction. - Returns: the records it covered.
    func finish(_ run: PreservationRun, authority: any TimestampAuthority, policy: PreservationPolicy, calls: CallCounter,
                progress stamped: (@Sendable () -> Void)?) async throws -> Int {
        let preservation = try preservationIndex()
        guard let algorithm = DigestAlgorithm(name: run.hashAlgorithm) else {
            try await preservation.abandonRun(run.id)
            throw ArchiveError(.invalidArgument, "batch \(run.id) names an unknown hash algorithm \(run.hashAlgorithm)")
        }
        let tsa = PreservationRunAuthority(run: run, authority: authority, index: preservation, calls: calls, stamped: stamped)
        // Evidence of kept records only; records are decrypted only where a document hash is needed.
        let previous = Dictionary(try await preservation.evidence(for: run.recordIDs).map { ($0.recordID, $0) }, uniquingKeysWith: { first, _ in first })
        var records: [ArchiveRecord] = []
        if run.kind != .timestampRenewal {
            for id in run.recordIDs { if let record = try await index.record(id), record.disposedAt == nil { records.append(record) } }
        }
        let kept = run.kind == .timestampRenewal ? Set(previous.keys) : Set(records.map(\.id))
        let ids = run.recordIDs.filter { kept.contains($0) }
        guard !ids.isEmpty else { try await preservation.abandonRun(run.id); return 0 }
        let made: [EvidenceRecord]
        do {
            switch run.kind {
            case .seal:
                let groups = try await records.asyncMap { DataObjectGroup(digests: [try await self.digest(of: $0, algorithm)]) }
                made = try await EvidenceRecordBuilder(authority: tsa, algorithm: algorithm).records(for: groups)
            case .timestampRenewal:
                made = try await EvidenceRecordRenewer(authority: tsa).renewTimestamps(try ids.map { try Self.parse(previous[$0], $0) })
            case .hashTreeRenewal:
                let objects = try await records.asyncMap { [DataObject.digests([algorithm: try await self.digest(of: $0, algorithm)])] }
                made = try await EvidenceRecordRenewer(authority: tsa).renewHashTrees(try ids.map { try Self.parse(previous[$0], $0) },
                                                                                      dataObjects: objects, algorithm: algorithm)
            }
        } catch let error as EvidenceRecordError where error.code == .timestampMismatch && run.token != nil {
            // The records changed since the token was taken (a disposal): start that batch again.
            try await preservation.abandonRun(run.id)
            throw ArchiveError(.versionConflict, "batch \(run.id) no longer matches its stored timestamp; run again to re-plan it")
        }
        let now = clock.now()
        var items: [StoredEvidence] = []
        items.reserveCapacity(made.count)
        for (offset, record) in made.enumerated() {
            let id = ids[offset]
            let pades: Date?
            if run.kind == .seal { pades = try await padesProtection(of: records[offset]) } else { pades = previous[id]?.padesProtectedUntil }
            items.append(StoredEvidence(recordID: id, evidenceRecord: try record.derEncoded(), hashAlgorithm: algorithm,
                                        protectedUntil: Self.protectedUntil(record), padesProtectedUntil: pades, updatedAt: now,
                                        renewals: run.kind == .seal ? 0 : (previous[id]?.renewals ?? 0) + 1))
        }
        try await preservation.saveEvidence(items, finishing: run.id)
        return items.count
    }

    /// The document's hash with `algorithm`: the stored SHA-256, or the decrypted document hashed.
    func digest(of record: ArchiveRecord, _ algorithm: DigestAlgorithm) async throws -> [UInt8] {
        if algorithm == .sha256, let stored = HexDigest.decode(record.document.sha256) { return stored }
        return algorithm.hash(try await decrypt(record))
    }

    /// The end of the newest archive timestamp's TSA certificate (its genTime when the token carries none).
    static func protectedUntil(_ record: EvidenceRecord) -> Date {
        guard let token = record.archiveTimeStamps.last?.timeStamp else { return .distantPast }
        return token.tsaCertificate?.notValidAfter ?? token.genTime
    }

    static func parse(_ stored: StoredEvidence?, _ id: ArchiveRecordID) throws -> EvidenceRecord {
        guard let stored else { throw ArchiveError(.notFound, "record \(id) has no evidence record to renew") }
        do { return try EvidenceRecord(derEncoded: stored.evidenceRecord) } catch {
            throw ArchiveError(.integrityFailure, "the evidence record of \(id) does not parse: \(error)")
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
