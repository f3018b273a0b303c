import ContractModel

/// When the first timestamp on a received electronic transaction record (電子取引の取引情報に係る
/// 電磁的記録) must have been applied, for records kept under 電子帳簿保存法施行規則 第4条第1項
/// 第2号 (the receiver timestamps the record):
///
/// - **イ**: 授受後、速やかに — 国税庁 treats about seven business days after receipt as 速やかに
///   (おおむね7営業日以内; 取扱通達 4-17, applied to 電子取引 by the 一問一答【電子取引関係】).
/// - **ロ**: その業務の処理に係る通常の期間を経過した後、速やかに — allowed only when a 事務処理
///   規程 sets out each step from receipt to the timestamp; the normal period is at most two
///   months (取扱通達 4-18), so the latest day is about two months plus seven business days.
///
/// The numbers are guidance, not statute, so both are configurable. The two months are counted as
/// the 民法 counts periods (``ContractModel/CivilDate/lastDayOfPeriod(months:)``); business days come from
/// ``calendar``.
public struct TimestampDeadlinePolicy: Hashable, Sendable, Codable {
    /// Business days allowed for 速やかに (default 7).
    public var promptBusinessDays: Int
    /// The normal processing period in months that the company's 事務処理規程 defines, or `nil`
    /// when it has none (then only rule イ applies). 国税庁 guidance caps it at 2.
    public var processingPeriodMonths: Int?
    /// The business days used to count.
    public var calendar: BusinessDayCalendar

    /// Rule イ only: seven business days after receipt, on ``BusinessDayCalendar/japaneseStandard``.
    public static let promptly = TimestampDeadlinePolicy()
    /// Rules イ and ロ with the longest normal period guidance allows: two months plus seven business days.
    public static let withProcessingRegulation = TimestampDeadlinePolicy(processingPeriodMonths: 2)

    /// Creates a policy.
    public init(promptBusinessDays: Int = 7, processingPeriodMonths: Int? = nil, calendar: BusinessDayCalendar = .japaneseStandard) {
        self.promptBusinessDays = promptBusinessDays
        self.processingPeriodMonths = processingPeriodMonths
        self.calendar = calendar
    }

    /// Judges one record.
    ///
    /// - Parameters:
    ///   - receivedOn: the day the transaction information was received (授受), in Japan.
    ///   - timestampedOn: the day of the record's first timestamp, in Japan (see
    ///     `CivilDate(japanStandardTimeOf:)` for a token's genTime).
    /// - Throws: ``CalendarError`` with code ``CalendarError/Code/invalidArgument`` for negative
    ///   days or months, or from the calendar (for example ``CalendarError/Code/unsupportedYear``).
    public func judge(receivedOn: CivilDate, timestampedOn: CivilDate) throws -> TimestampDeadlineJudgement {
        guard (0...366).contains(promptBusinessDays), (0...12).contains(processingPeriodMonths ?? 0) else {
            throw CalendarError(.invalidArgument, "promptBusinessDays must be 0...366 and processingPeriodMonths 0...12")
        }
        let promptDeadline = try calendar.adding(businessDays: promptBusinessDays, to: receivedOn)
        var periodEnd: CivilDate? = nil, regulationDeadline: CivilDate? = nil
        if let months = processingPeriodMonths {
            let end = try receivedOn.lastDayOfPeriod(months: months)
            periodEnd = end
            regulationDeadline = try calendar.adding(businessDays: promptBusinessDays, to: end)
        }
        let outcome: TimestampDeadlineJudgement.Outcome
        if timestampedOn < receivedOn {
            outcome = .beforeReceipt(days: timestampedOn.days(until: receivedOn))
        } else if timestampedOn <= promptDeadline {
            outcome = .timely(rule: .promptlyAfterReceipt, businessDaysToSpare: try calendar.businessDays(after: timestampedOn, through: promptDeadline))
        } else if let regulationDeadline, timestampedOn <= regulationDeadline {
            outcome = .timely(rule: .promptlyAfterNormalProcessingPeriod,
                              businessDaysToSpare: try calendar.businessDays(after: timestampedOn, through: regulationDeadline))
        } else {
            let deadline = regulationDeadline ?? promptDeadline
            outcome = .late(rule: regulationDeadline == nil ? .promptlyAfterReceipt : .promptlyAfterNormalProcessingPeriod,
                            businessDaysLate: try calendar.businessDays(after: deadline, through: timestampedOn))
        }
        return TimestampDeadlineJudgement(
            receivedOn: receivedOn, timestampedOn: timestampedOn,
            businessDaysAfterReceipt: try calendar.businessDays(after: receivedOn, through: timestampedOn),
            promptDeadline: promptDeadline, processingPeriodEnd: periodEnd, regulationDeadline: regulationDeadline,
            outcome: outcome)
    }
}
