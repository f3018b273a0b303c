import ContractModel
import Foundation
import LegalRetention
import Testing

/// The same bodies run against the SQLite and the PostgreSQL index.
@Suite struct ArchiveServiceTests {
    @Test(arguments: ArchiveBackend.allCases)
    func ingestSearchAndOpen(_ backend: ArchiveBackend) async throws {
        let harness = try await backend.make()
        let archive = harness.service
        let a = try await archive.ingest(ArchiveFixtures.document("a"), fileName: "a.pdf",
                                         metadata: try ArchiveFixtures.metadata("2025-04-10", 110_000, "株式会社ﾔﾏﾀﾞ商事", custom: ["部門": "営業"]))
        let b = try await archive.ingest(ArchiveFixtures.document("b"), fileName: "b.pdf",
                                         metadata: try ArchiveFixtures.metadata("2025-05-20", 55_000, "やまだ商事(株)", type: .invoice, title: "五月分請求"))
        _ = try await archive.ingest(ArchiveFixtures.document("c"), fileName: "c.pdf",
                                     metadata: try ArchiveFixtures.metadata("2025-06-01", 9_000, "合同会社サトウ"))
        // One- and two-character substrings, every spelling.
        #expect(try await archive.search(ArchiveQuery(counterparty: "ﾔ")).records.map(\.id) == [a.id, b.id])
        #expect(try await archive.search(ArchiveQuery(counterparty: "やま")).records.map(\.id) == [a.id, b.id])
        #expect(try await archive.search(ArchiveQuery(counterparty: "(株)ヤマダ")).records.map(\.id) == [a.id, b.id])
        // AND of date range, amount range and counterparty.
        let both = ArchiveQuery(from: try CivilDate("2025-05-01"), to: try CivilDate("2025-06-30"), minimumAmount: Money(minorUnits: 10_000, currency: .jpy),
                                counterparty: "ヤマダ")
        #expect(try await archive.search(both).records.map(\.id) == [b.id])
        #expect(try await archive.search(ArchiveQuery(documentType: .invoice)).records.map(\.id) == [b.id])
        #expect(try await archive.search(ArchiveQuery(titleContains: "五月")).records.map(\.id) == [b.id])
        #expect(try await archive.search(ArchiveQuery(customFields: ["部門": "営業"])).records.map(\.id) == [a.id])
        // Pagination.
        let first = try await archive.search(ArchiveQuery(limit: 2))
        #expect(first.records.count == 2 && first.hasMore)
        let second = try await archive.search(ArchiveQuery(limit: 2, offset: 2))
        #expect(second.records.count == 1 && !second.hasMore)
        // The document opens, checked against its hash; the blob is not the plaintext.
        #expect(try await archive.document(a.id) == ArchiveFixtures.document("a"))
        #expect(SHA256Hex.of(ArchiveFixtures.document("a")) == a.document.sha256)
        let blob = try await archive.blobs.get(a.document.blobSHA256)
        #expect(!blob.contains(0x25) || blob != ArchiveFixtures.document("a"))
        #expect(SHA256Hex.of(blob) == a.document.blobSHA256)
        let report = try await archive.verify()
        #expect(report.passed, "\(report.findings)")
        #expect(report.recordsChecked == 3)
    }

    @Test(arguments: ArchiveBackend.allCases)
    func correctionsHoldsAndDisposal(_ backend: ArchiveBackend) async throws {
        let harness = try await backend.make()
        var archive = harness.service
        let record = try await archive.ingest(ArchiveFixtures.document("x"), fileName: "x.pdf",
                                              metadata: try ArchiveFixtures.metadata("2018-02-10", 1000, "株式会社テスト"))
        #expect(record.retentionEnd == (try CivilDate("2025-05-31")))
        // A correction is a new version with before, after, reason, who and when.
        harness.clock.advance(by: 60)
        let corrected = try await archive.correct(record.id, reason: "金額の入力誤り") { $0.amount = Money(minorUnits: 1100, currency: .jpy) }
        #expect(corrected.version == 2)
        let history = try await archive.history(record.id)
        #expect(history.map(\.version) == [1, 2])
        #expect(history[1].before?.amount.minorUnits == 1000 && history[1].after.amount.minorUnits == 1100)
        #expect(history[1].reason == "金額の入力誤り" && history[1].actor == "tester")
        #expect(try await archive.search(ArchiveQuery(minimumAmount: Money(minorUnits: 1050, currency: .jpy))).records.map(\.id) == [record.id])
        let stale = await #expect(throws: ArchiveError.self) { try await archive.index.correct(history[1], retentionEnd: record.retentionEnd) }
        #expect(stale?.code == .versionConflict)
        // Refused before the retention end.
        let early = await #expect(throws: ArchiveError.self) { try await archive.delete(record.id, reason: "期限", asOf: try CivilDate("2025-05-31")) }
        #expect(early?.code == .retentionNotEnded)
        // Refused under a hold, even after the end.
        try await archive.hold(record.id, reason: "税務調査")
        let held = await #expect(throws: ArchiveError.self) { try await archive.delete(record.id, reason: "期限", asOf: try CivilDate("2025-06-01")) }
        #expect(held?.code == .underLegalHold)
        let report = try await archive.disposalReport(asOf: try CivilDate("2025-06-01"))
        #expect(report.held.map(\.id) == [record.id] && report.eligible.isEmpty)
        try await archive.release(record.id, reason: "調査終了")
        // Allowed after the end, recorded, and the key and blob are destroyed.
        archive.actor = "manager"
        let disposal = try await archive.delete(record.id, reason: "保存期間満了", asOf: try CivilDate("2025-06-01"))
        #expect(disposal.documentSHA256 == record.document.sha256 && disposal.actor == "manager")
        #expect(try await archive.index.disposals().map(\.recordID) == [record.id])
        let gone = await #expect(throws: ArchiveError.self) { try await archive.document(record.id) }
        #expect(gone?.code == .disposed)
        #expect(try await archive.index.record(record.id)?.document.wrappedKey == nil)
        await #expect(throws: ArchiveError.self) { try await archive.blobs.get(record.document.blobSHA256) }
        #expect(try await archive.search(ArchiveQuery()).records.isEmpty)
        // Every operation, refusals included, is in the access log, whose chain verifies.
        let log = try await archive.index.accessLog()
        let operations = log.map { $0.details["operation"] ?? "" }
        #expect(operations.filter { $0 == "delete" }.count == 3)
        #expect(log.contains { $0.details["refused"] == "retentionNotEnded" } && log.contains { $0.details["refused"] == "underLegalHold" })
        #expect(await AuditTrailVerifier().verify(log, anchors: [], contractID: archiveAccessLogID).isIntact)
        #expect(try await archive.verify().passed)
    }

    @Test(arguments: ArchiveBackend.allCases)
    func lossYearsKeyRotationAndTampering(_ backend: ArchiveBackend) async throws {
        let harness = try await backend.make()
        let archive = harness.service
        let loss = try await archive.ingest(ArchiveFixtures.document("l"), fileName: "l.pdf",
                                            metadata: try ArchiveFixtures.metadata("2018-02-10", 1, "欠損 商店", loss: true))
        #expect(loss.retentionEnd == (try CivilDate("2028-05-31")))
        let other = try await archive.ingest(ArchiveFixtures.document("o"), fileName: "o.pdf", metadata: try ArchiveFixtures.metadata("2024-01-01", 2, "B"))
        // Rotation re-wraps keys without touching blobs.
        let oldKey = try #require(loss.document.wrappedKey).keyID
        let newKey = try harness.keys.addKey()
        #expect(oldKey != newKey)
        #expect(try await archive.rotateKeys() == 2)
        #expect(try await archive.index.record(loss.id)?.document.wrappedKey?.keyID == newKey)
        #expect(try await archive.index.record(loss.id)?.document.blobSHA256 == loss.document.blobSHA256)
        #expect(try await archive.document(loss.id) == ArchiveFixtures.document("l"))
        // Another record's data key does not open the blob (tampered index).
        var swapped = try #require(try await archive.index.record(other.id))
        swapped.document.blobSHA256 = loss.document.blobSHA256
        let otherKey = try #require(swapped.document.wrappedKey)
        try await archive.index.updateWrappedKey(loss.id, otherKey)
        let mismatch = await #expect(throws: ArchiveError.self) { try await archive.document(loss.id) }
        #expect(mismatch?.code == .integrityFailure)
        #expect(try await archive.verify().findings.contains { $0.kind == .integrity && $0.recordID == loss.id })
    }

    @Test(arguments: ArchiveBackend.allCases)
    func orphanBlobsAreSweptAndImportsAreIdempotent(_ backend: ArchiveBackend) async throws {
        let harness = try await backend.make()
        let archive = harness.service
        // A blob written without its record (a crash between the two steps).
        let orphan = try await archive.blobs.put(Array("orphan".utf8))
        #expect(try await archive.verify().findings.contains { $0.kind == .orphanBlob })
        #expect(try await archive.sweepOrphans(olderThan: nil) == [orphan])
        let first = try await archive.ingest(ArchiveFixtures.document("i"), fileName: "i.pdf", metadata: try ArchiveFixtures.metadata("2024-01-01", 2, "B"),
                                             importKey: "list.csv#1")
        let again = try await archive.ingest(ArchiveFixtures.document("i"), fileName: "i.pdf", metadata: try ArchiveFixtures.metadata("2024-01-01", 2, "B"),
                                             importKey: "list.csv#1")
        #expect(first.id == again.id)
        #expect(try await archive.search(ArchiveQuery()).records.count == 1)
        #expect(try await archive.sweepOrphans(olderThan: nil).isEmpty)
        #expect(try await archive.verify().passed)
    }
}
