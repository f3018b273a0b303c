import CMSCore
import EvidenceRecords
import Foundation
import LegalRetention
import Testing

/// Must-show "the scheduler reports the right records": a synthetic archive whose evidence
/// records were made by TSAs with chosen certificate ends and hash algorithms, judged at fixed
/// times. The same body runs on the SQLite and the PostgreSQL index.
@Suite struct RenewalSchedulerTests {
    static let asOf = PreservationTimeline.date("2026-06-01T00:00:00Z")
    /// SHA-384 retires on 2027-01-01 (successor SHA-512): an ETSI TS 119 312-style row.
    static let sunsets = [HashAlgorithmSunset(algorithm: .sha384, sunset: PreservationTimeline.date("2027-01-01T00:00:00Z"), successor: .sha512)]

    func ingest(_ archive: ArchiveService, _ names: [String]) async throws -> [ArchiveRecordID] {
        var ids: [ArchiveRecordID] = []
        for name in names {
            ids.append(try await archive.ingest(ArchiveFixtures.document(name), fileName: "\(name).pdf",
                                                metadata: try ArchiveFixtures.metadata("2026-03-10", 1_000, "株式会社テスト")).id)
        }
        return ids
    }

    @Test(arguments: ArchiveBackend.allCases)
    func reportsExactlyTheDueRecordsAndRenewsThemInBatches(_ backend: ArchiveBackend) async throws {
        let timeline = try PreservationTimeline()
        // Ingested and sealed in April 2026; judged on 2026-06-01.
        let harness = try await backend.make(now: PreservationTimeline.date("2026-04-01T00:00:00Z"))
        let archive = harness.service
        // A: TSA certificate ends 2027-03-01 (inside 12 months); B: 2029-01-01 (outside); C: SHA-384 trees (sunset inside); D: unsealed.
        let a = try await ingest(archive, ["a1", "a2", "a3"])
        let tsaA = try timeline.tsa(until: "2027-03-01T00:00:00Z", at: "2026-04-01T00:00:00Z")
        #expect(try await archive.sealPending(authority: tsaA).sealed == 3)
        let b = try await ingest(archive, ["b1", "b2"])
        let tsaB = try timeline.tsa(until: "2029-01-01T00:00:00Z", at: "2026-04-02T00:00:00Z")
        #expect(try await archive.sealPending(authority: tsaB).sealed == 2)
        let c = try await ingest(archive, ["c1", "c2"])
        let tsaC = try timeline.tsa(until: "2040-01-01T00:00:00Z", at: "2026-04-03T00:00:00Z")
        #expect(try await archive.sealPending(authority: tsaC, policy: PreservationPolicy(sealingAlgorithm: .sha384)).sealed == 2)
        let d = try await ingest(archive, ["d1"])
        let (callsA, callsB, callsC) = (await tsaA.count, await tsaB.count, await tsaC.count)
        #expect(callsA == 1 && callsB == 1 && callsC == 1, "one TSA call per sealing batch")

        harness.clock.advance(by: Self.asOf.timeIntervalSince(harness.clock.now()))
        let policy = PreservationPolicy(hashAlgorithmSunsets: Self.sunsets)
        let plan = try await archive.renewalPlan(asOf: Self.asOf, policy: policy)
        #expect(plan.recordsScanned == 8)
        #expect(Set(plan.candidates(.timestampRenewal).map(\.recordID)) == Set(a))
        #expect(Set(plan.candidates(.hashTreeRenewal).map(\.recordID)) == Set(c))
        #expect(plan.candidates(.seal).map(\.recordID) == d)
        #expect(plan.candidates.count == 6, "B is protected past the horizon: \(plan.candidates)")
        #expect(plan.candidates(.timestampRenewal).allSatisfy { $0.dueBy == PreservationTimeline.date("2027-03-01T00:00:00Z") })
        #expect(plan.timestampCalls(batchSize: policy.batchSize) == 3)
        // Three years ahead, B is due too; a week ahead, only the unsealed record.
        let longer = try await archive.renewalPlan(asOf: Self.asOf, policy: PreservationPolicy(horizon: DateComponents(month: 36)))
        #expect(Set(longer.candidates(.timestampRenewal).map(\.recordID)) == Set(a + b))
        let week = try await archive.renewalPlan(asOf: Self.asOf, policy: PreservationPolicy(horizon: DateComponents(day: 7)))
        #expect(week.candidates.map(\.recordID) == d)

        // Verify lists the same records as due (warnings), and every evidence record verifies.
        let check = EvidenceRecordCheck(archive: archive, asOf: Self.asOf, policy: policy, timestamps: timeline.trust)
        let before = try await archive.verify(checks: [check])
        #expect(before.passed, "\(before.findings)")
        #expect(Set(before.findings.filter { $0.kind == .renewSoon }.compactMap(\.recordID)) == Set(a + c))

        // Renew with a long-lived TSA: one call per batch (seal, hash-tree, timestamp), then nothing is due.
        let tsaNew = try timeline.tsa(until: "2045-01-01T00:00:00Z", at: "2026-06-01T00:00:00Z")
        let outcome = try await archive.renew(asOf: Self.asOf, policy: policy, authority: tsaNew)
        #expect(outcome.sealed == 1 && outcome.hashTreeRenewed == 2 && outcome.timestampRenewed == 3)
        let callsNew = await tsaNew.count
        #expect(outcome.timestampCalls == 3 && callsNew == 3)
        #expect(try await archive.renewalPlan(asOf: Self.asOf.addingTimeInterval(86_400), policy: policy).candidates.isEmpty)
        let stored = try await archive.preservationIndex().evidence(for: a + b + c + d)
        #expect(stored.count == 8)
        #expect(Set(stored.filter { c.contains($0.recordID) }.map(\.hashAlgorithm)) == [.sha512])
        #expect(stored.filter { a.contains($0.recordID) }.allSatisfy { $0.renewals == 1 && $0.protectedUntil == PreservationTimeline.date("2045-01-01T00:00:00Z") })

        // After the first TSA's certificate expired (2028), every record still verifies with trust.
        let later = EvidenceRecordCheck(archive: archive, asOf: PreservationTimeline.date("2028-06-01T00:00:00Z"), policy: policy, timestamps: timeline.trust)
        let after = try await archive.verify(checks: [later])
        #expect(after.passed && after.findings.filter { $0.kind == .evidenceRecord }.isEmpty, "\(after.findings)")
    }
}
