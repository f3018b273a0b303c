import CMSCore
import ContractModel
import Foundation
import LegalRetention
import PDFSign
import Testing

/// The deadline check `archive verify` runs: a record's first timestamp (the earliest signature or
/// document timestamp in its PDF validation) against 速やかに / 事務処理規程.
@Suite struct TimestampDeadlineCheckTests {
    static func validation(_ times: [String]) -> PDFValidationReport {
        let reports = times.map { text in
            PDFSignatureReport(field: "Sig", intact: true, coverage: .entireFile, modifications: .none, findings: [], level: nil, indication: .totalPassed,
                               subIndication: nil, subFilter: nil, byteRange: [], signer: nil, claimedSigningTime: nil,
                               timestampTime: ISO8601DateFormatter().date(from: text), validationTime: nil)
        }
        return PDFValidationReport(signatures: Array(reports.dropLast()), documentTimestamps: Array(reports.suffix(1)), findings: [], trustJudged: true,
                                   validationTime: ArchiveFixtures.fixedNow)
    }

    static func record(received: String?) throws -> ArchiveRecord {
        var metadata = try ArchiveFixtures.metadata("2025-04-25", 1, "A")
        metadata.receivedDate = try received.map { try CivilDate($0) }
        return ArchiveRecord(id: ArchiveRecordID("r-1"), version: 1, metadata: metadata,
                             document: StoredDocument(sha256: "", blobSHA256: "", byteCount: 1, fileName: "a.pdf", wrappedKey: nil),
                             ingestedAt: ArchiveFixtures.fixedNow, retentionEnd: try CivilDate("2033-05-31"), legalHold: nil, importKey: nil, disposedAt: nil)
    }

    @Test func judgesTheEarliestTimestampAndKeepsTypedResults() async throws {
        // Received Friday 2025-04-25. Seven business days (closed on weekends, 4/29 昭和の日 and
        // 5/3–5/6 with 振替休日) end on Friday 2025-05-09. The earliest timestamp (16:00 UTC on 5/9
        // is Saturday 5/10 in Japan) decides, not the later document timestamp.
        let check = TimestampDeadlineCheck()
        let record = try Self.record(received: "2025-04-25")
        let late = await check.check(record, validation: Self.validation(["2025-05-09T16:00:00Z", "2025-06-30T00:00:00Z"]))
        #expect(late.count == 1 && late[0].kind == .timestampDeadline && !late[0].isFailure)
        let inTime = await check.check(record, validation: Self.validation(["2025-05-09T14:59:00Z", "2025-05-07T00:00:00Z"]))
        #expect(inTime.isEmpty)
        #expect(await check.check(record, validation: nil).isEmpty)
        let results = check.results
        #expect(results.map(\.status) == [.late, .timely, .notTimestamped])
        #expect(results[0].judgement?.promptDeadline == (try CivilDate("2025-05-09")))
        #expect(results[0].judgement?.timestampedOn == (try CivilDate("2025-05-10")))
        #expect(results[1].judgement?.timestampedOn == (try CivilDate("2025-05-07")))
        let received = try CivilDate("2025-04-25")
        #expect(results.allSatisfy { !$0.receivedDateAssumed && $0.receivedOn == received })
        // The typed result round-trips through JSON (what `archive verify --json` prints).
        let json = try JSONEncoder().encode(results)
        #expect(try JSONDecoder().decode([RecordTimestampDeadline].self, from: json) == results)
    }

    @Test func processingRegulationExtendsTheDeadlineAndMissingReceiptFallsBackToTheTransactionDate() throws {
        let regulation = TimestampDeadlineCheck(policy: .withProcessingRegulation)
        let result = regulation.judge(try Self.record(received: nil), validation: Self.validation(["2025-06-30T00:00:00Z"]))
        let transactionDate = try CivilDate("2025-04-25")
        #expect(result.receivedDateAssumed && result.receivedOn == transactionDate)
        #expect(result.status == .timely)
        guard case .timely(let rule, _) = result.judgement?.outcome else { Issue.record("not timely: \(result)"); return }
        #expect(rule == .promptlyAfterNormalProcessingPeriod)
        let before = TimestampDeadlineCheck().judge(try Self.record(received: "2025-04-25"), validation: Self.validation(["2025-04-20T00:00:00Z"]))
        #expect(before.status == .beforeReceipt)
        let outOfRange = TimestampDeadlineCheck().judge(try Self.record(received: "2025-04-25"), validation: Self.validation(["2150-01-01T00:00:00Z"]))
        #expect(outOfRange.status == .notJudged)
    }
}
