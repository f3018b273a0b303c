import ContractModel

/// The result of ``TimestampDeadlinePolicy/judge(receivedOn:timestampedOn:)`` for one record.
public struct TimestampDeadlineJudgement: Hashable, Sendable, Codable {
    /// The rule of 電子帳簿保存法施行規則 第4条第1項第2号 that a timestamp date is measured against.
    public enum Rule: String, Hashable, Sendable, Codable {
        /// イ: 授受後、速やかに (about seven business days after receipt).
        case promptlyAfterReceipt
        /// ロ: その業務の処理に係る通常の期間を経過した後、速やかに (needs a 事務処理規程).
        case promptlyAfterNormalProcessingPeriod
    }

    /// Whether the timestamp was in time.
    public enum Outcome: Hashable, Sendable, Codable {
        /// In time under `rule` (イ when both apply), with business days left before its deadline.
        case timely(rule: Rule, businessDaysToSpare: Int)
        /// After the deadline of the most lenient rule the policy allows, by business days.
        case late(rule: Rule, businessDaysLate: Int)
        /// Dated before the receipt: the sender's timestamp (第4条第1項第1号) or a wrong date.
        case beforeReceipt(days: Int)
    }

    /// The day the transaction information was received.
    public let receivedOn: CivilDate
    /// The day of the first timestamp.
    public let timestampedOn: CivilDate
    /// Business days after receipt up to and including the timestamp day (0 when on or before it).
    public let businessDaysAfterReceipt: Int
    /// The last day for rule イ.
    public let promptDeadline: CivilDate
    /// The last day of the normal processing period, when the policy has a 事務処理規程.
    public let processingPeriodEnd: CivilDate?
    /// The last day for rule ロ, when the policy has a 事務処理規程.
    public let regulationDeadline: CivilDate?
    /// The verdict.
    public let outcome: Outcome

    /// Whether the timestamp was in time (or predates the receipt).
    public var isTimely: Bool {
        if case .late = outcome { return false }
        return true
    }
}
