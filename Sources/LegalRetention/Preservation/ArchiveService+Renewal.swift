import CMSCore
import Foundation
import TimestampClient

extension ArchiveService {
    /// What must be renewed before `asOf + policy.horizon` (dry run: nothing is changed, nothing logged).
    ///
    /// - Unsealed kept records get ``RenewalAction/seal``.
    /// - A record whose newest chain's algorithm reaches its sunset (``PreservationPolicy/hashAlgorithmSunsets``)
    ///   gets ``RenewalAction/hashTreeRenewal``; one whose newest timestamp's TSA certificate ends gets
    ///   ``RenewalAction/timestampRenewal``.
    /// - A PDF whose latest document timestamp's TSA certificate ends: with
    ///   ``PAdESRenewalPreference/padesLTAPerFile`` it is listed for the app's per-file renewal;
    ///   otherwise its evidence record covers it, and it is renewed with it when that is due.
    ///
    /// A record made or renewed at or after `asOf` is not planned again (renewing it now would not
    /// extend it: its TSA certificate ends before the horizon).
    public func renewalPlan(asOf: Date, policy: PreservationPolicy = PreservationPolicy()) async throws -> RenewalPlan {
        let preservation = try preservationIndex()
        let end = policy.horizonEnd(from: asOf)
        var plan = RenewalPlan(asOf: asOf, horizonEnd: end, recordsScanned: 0, candidates: [])
        var cursor: ArchiveRecordID?
        while true {
            let page = try await preservation.unsealedRecords(after: cursor, limit: 10_000)
            guard let last = page.last else { break }
            plan.recordsScanned += page.count
            plan.candidates += page.map { RenewalCandidate(recordID: $0.id, action: .seal, reasons: [RenewalReason(kind: .unsealed, until: nil)]) }
            cursor = last.id
        }
        cursor = nil
        while true {
            let page = try await preservation.evidence(after: cursor, limit: 10_000)
            guard let last = page.last else { break }
            plan.recordsScanned += page.count
            for stored in page { plan.candidates += Self.candidates(stored, asOf: asOf, horizonEnd: end, policy: policy) }
            cursor = last.recordID
        }
        plan.candidates.sort { ($0.recordID.rawValue, $0.action.rawValue) < ($1.recordID.rawValue, $1.action.rawValue) }
        return plan
    }

    static func candidates(_ stored: StoredEvidence, asOf: Date, horizonEnd end: Date, policy: PreservationPolicy) -> [RenewalCandidate] {
        var reasons: [RenewalReason] = []
        if let sunset = policy.sunset(of: stored.hashAlgorithm), sunset.sunset < end {
            reasons.append(RenewalReason(kind: .hashAlgorithmSunset, until: sunset.sunset, hashAlgorithm: stored.hashAlgorithm.description))
        }
        if stored.protectedUntil < end { reasons.append(RenewalReason(kind: .timestampExpires, until: stored.protectedUntil)) }
        let padesReason = stored.padesProtectedUntil.flatMap { $0 < end ? RenewalReason(kind: .padesTimestampExpires, until: $0) : nil }
        var out: [RenewalCandidate] = []
        if !reasons.isEmpty, stored.updatedAt < asOf {
            let action: RenewalAction = reasons.contains { $0.kind == .hashAlgorithmSunset } ? .hashTreeRenewal : .timestampRenewal
            out.append(RenewalCandidate(recordID: stored.recordID, action: action,
                                        reasons: reasons + (policy.padesRenewal == .evidenceRecord ? [padesReason].compactMap { $0 } : [])))
        }
        if policy.padesRenewal == .padesLTAPerFile, let padesReason {
            out.append(RenewalCandidate(recordID: stored.recordID, action: .padesLTAPerFile, reasons: [padesReason]))
        }
        return out
    }

    /// Carries out ``renewalPlan(asOf:policy:)``: finishes a batch an interrupted run left (with its
    /// stored token), then seals, hash-tree-renews and timestamp-renews in batches of
    /// `policy.batchSize`, one TSA call per batch, each batch stored in one transaction.
    /// Per-file PAdES renewals are listed in the outcome, for the app.
    public func renew(asOf: Date, policy: PreservationPolicy = PreservationPolicy(), authority: any TimestampAuthority,
                      progress: (@Sendable (RenewalProgress) -> Void)? = nil) async throws -> RenewalOutcome {
        let preservation = try preservationIndex()
        let calls = CallCounter()
        var resumed = false
        if let open = try await preservation.openRun() {
            _ = try await finish(open, authority: authority, policy: policy, calls: calls, progress: nil)
            resumed = true
        }
        let plan = try await renewalPlan(asOf: asOf, policy: policy)
        var outcome = RenewalOutcome(plan: plan, resumedInterruptedBatch: resumed, sealed: 0, timestampRenewed: 0, hashTreeRenewed: 0,
                                     leftForPAdESRenewal: plan.candidates(.padesLTAPerFile).map(\.recordID), timestampCalls: 0)
        let stored = Dictionary(try await preservation.evidence(for: plan.candidates.map(\.recordID)).map { ($0.recordID, $0) },
                                uniquingKeysWith: { first, _ in first })
        // Batches: sealing; hash-tree renewal per successor algorithm; timestamp renewal per current algorithm.
        var batches: [(PreservationRun.Kind, String, [ArchiveRecordID])] = []
        batches.append((.seal, policy.sealingAlgorithm.description, plan.candidates(.seal).map(\.recordID)))
        let rehash = Dictionary(grouping: plan.candidates(.hashTreeRenewal)) { candidate in
            stored[candidate.recordID].flatMap { policy.sunset(of: $0.hashAlgorithm)?.successor.description } ?? policy.sealingAlgorithm.description
        }
        for (algorithm, group) in rehash.sorted(by: { $0.key < $1.key }) { batches.append((.hashTreeRenewal, algorithm, group.map(\.recordID))) }
        let restamp = Dictionary(grouping: plan.candidates(.timestampRenewal)) { stored[$0.recordID]?.hashAlgorithm.description ?? "" }
        for (algorithm, group) in restamp.sorted(by: { $0.key < $1.key }) { batches.append((.timestampRenewal, algorithm, group.map(\.recordID))) }
        for (kind, algorithm, ids) in batches where !ids.isEmpty {
            var done = 0
            for start in stride(from: 0, to: ids.count, by: policy.batchSize) {
                let run = PreservationRun(kind: kind, recordIDs: Array(ids[start..<min(ids.count, start + policy.batchSize)]), hashAlgorithm: algorithm,
                                          startedAt: clock.now())
                try await preservation.startRun(run)
                progress?(RenewalProgress(kind: kind, stage: .started, done: done, total: ids.count))
                let stamped = Self.stampedReporter(progress, RenewalProgress(kind: kind, stage: .stamped, done: done, total: ids.count))
                let count = try await finish(run, authority: authority, policy: policy, calls: calls, progress: stamped)
                done += run.recordIDs.count
                switch kind {
                case .seal: outcome.sealed += count
                case .timestampRenewal: outcome.timestampRenewed += count
                case .hashTreeRenewal: outcome.hashTreeRenewed += count
                }
                progress?(RenewalProgress(kind: kind, stage: .stored, done: done, total: ids.count))
            }
        }
        outcome.timestampCalls = await calls.count
        try await log(.preserve, ["action": "renew", "sealed": String(outcome.sealed), "timestampRenewed": String(outcome.timestampRenewed),
                                  "hashTreeRenewed": String(outcome.hashTreeRenewed), "timestampCalls": String(outcome.timestampCalls)])
        return outcome
    }

    /// A callback reporting `step` when the batch's token is stored, if progress is wanted.
    static func stampedReporter(_ progress: (@Sendable (RenewalProgress) -> Void)?, _ step: RenewalProgress) -> (@Sendable () -> Void)? {
        guard let progress else { return nil }
        return { progress(step) }
    }
}
