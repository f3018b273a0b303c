import ContractModel
import Foundation
import PDFSign

/// Whether one record's first timestamp met the deadline of 電子帳簿保存法施行規則 第4条第1項第2号
/// (イ 速やかに, or ロ under a 事務処理規程), as ``TimestampDeadlineCheck`` judged it in
/// ``ArchiveService/verify(validator:checks:progress:)``.
public struct RecordTimestampDeadline: Hashable, Codable, Sendable {
    /// The verdict.
    public enum Status: String, Hashable, Codable, Sendable {
        /// The first timestamp was in time (see ``RecordTimestampDeadline/judgement`` for the rule).
        case timely
        /// The first timestamp came after the deadline of the most lenient rule the policy allows.
        case late
        /// The first timestamp predates the receipt (the sender's timestamp, 第4条第1項第1号, or a wrong date).
        case beforeReceipt
        /// The document carries no timestamp (not a signed PDF, or signed without one): its
        /// 真実性 rests on the archive's recorded corrections and deletions (第4条第1項第3号) or
        /// the company's 事務処理規程 (第4号), not on a timestamp.
        case notTimestamped
        /// The dates are outside the calendar's range (2000–2100).
        case notJudged
    }

    /// The record.
    public var recordID: ArchiveRecordID
    /// The verdict.
    public var status: Status
    /// The day of receipt used: the record's 受領日, else its 取引年月日.
    public var receivedOn: CivilDate
    /// Whether ``receivedOn`` is the 取引年月日 because the record has no 受領日.
    public var receivedDateAssumed: Bool
    /// The first timestamp's time (the earliest signature or document timestamp in the PDF).
    public var firstTimestamp: Date?
    /// The full judgement (deadlines, business days), when judged.
    public var judgement: TimestampDeadlineJudgement?

    /// A result.
    public init(recordID: ArchiveRecordID, status: Status, receivedOn: CivilDate, receivedDateAssumed: Bool, firstTimestamp: Date?,
                judgement: TimestampDeadlineJudgement?) {
        self.recordID = recordID
        self.status = status
        self.receivedOn = receivedOn
        self.receivedDateAssumed = receivedDateAssumed
        self.firstTimestamp = firstTimestamp
        self.judgement = judgement
    }
}

extension ArchiveFinding.Kind {
    /// A record's first timestamp came after the 速やかに / 事務処理規程 deadline (a warning: the
    /// archive's recorded corrections and deletions still meet 第4条第1項第3号).
    public static let timestampDeadline = ArchiveFinding.Kind(rawValue: "timestampDeadline")
}

/// The timestamp deadline check for ``ArchiveService/verify(validator:checks:progress:)``: judges
/// each record's first timestamp (from the PDF validation) against ``policy`` and keeps a typed
/// result per record in ``results``. A late timestamp is a warning finding, not a failure.
public final class TimestampDeadlineCheck: ArchiveRecordCheck, @unchecked Sendable {
    /// The deadlines and business-day calendar.
    public let policy: TimestampDeadlinePolicy
    private let lock = NSLock()
    private var collected: [RecordTimestampDeadline] = []

    /// A check under `policy` (``TimestampDeadlinePolicy/promptly`` without a 事務処理規程).
    public init(policy: TimestampDeadlinePolicy = .promptly) { self.policy = policy }

    /// One result per record checked so far, in the order checked.
    public var results: [RecordTimestampDeadline] { lock.withLock { collected } }

    /// Judges `record` and returns a warning when its first timestamp was late.
    public func check(_ record: ArchiveRecord, validation: PDFValidationReport?) async -> [ArchiveFinding] {
        let result = judge(record, validation: validation)
        lock.withLock { collected.append(result) }
        guard result.status == .late, let judgement = result.judgement, case .late(let rule, let days) = judgement.outcome else { return [] }
        return [ArchiveFinding(kind: .timestampDeadline, recordID: record.id,
                               detail: "first timestamp on \(judgement.timestampedOn), \(days) business day(s) after the \(rule.rawValue) deadline "
                                   + "\(judgement.regulationDeadline ?? judgement.promptDeadline) (received \(judgement.receivedOn))",
                               isFailure: false)]
    }

    /// The typed result for one record.
    public func judge(_ record: ArchiveRecord, validation: PDFValidationReport?) -> RecordTimestampDeadline {
        let received = record.metadata.receivedDate ?? record.metadata.transactionDate
        let assumed = record.metadata.receivedDate == nil
        let times = (validation?.signatures ?? []).compactMap(\.timestampTime) + (validation?.documentTimestamps ?? []).compactMap(\.timestampTime)
        guard let first = times.min() else {
            return RecordTimestampDeadline(recordID: record.id, status: .notTimestamped, receivedOn: received, receivedDateAssumed: assumed,
                                           firstTimestamp: nil, judgement: nil)
        }
        guard let judgement = try? policy.judge(receivedOn: received, timestampedOn: CivilDate(japanStandardTimeOf: first)) else {
            return RecordTimestampDeadline(recordID: record.id, status: .notJudged, receivedOn: received, receivedDateAssumed: assumed,
                                           firstTimestamp: first, judgement: nil)
        }
        let status: RecordTimestampDeadline.Status
        switch judgement.outcome {
        case .timely: status = .timely
        case .late: status = .late
        case .beforeReceipt: status = .beforeReceipt
        }
        return RecordTimestampDeadline(recordID: record.id, status: status, receivedOn: received, receivedDateAssumed: assumed,
                                       firstTimestamp: first, judgement: judgement)
    }
}
