import ContractModel

/// How long records are kept (電子帳簿保存法 §7, 法人税法施行規則 §59 / §26の3).
///
/// A record is kept for 7 years (10 for a fiscal year with 欠損金, 法人税法 §57) from the day after
/// the filing deadline of its fiscal year: the fiscal-year end plus 2 months, plus
/// ``filingExtensionMonths`` for a company with an extension (申告期限の延長, 法人税法 §75の2).
/// The record's ``RecordMetadata/fiscalYearEnd`` wins; without it the fiscal year is the one
/// ending on the first ``fiscalYearEndMonth``/``fiscalYearEndDay`` on or after 取引年月日.
public struct RetentionPolicy: Hashable, Codable, Sendable {
    /// The month the fiscal year ends in (3 for a March year end).
    public var fiscalYearEndMonth: Int
    /// The day it ends on (31, or the month's last day if shorter).
    public var fiscalYearEndDay: Int
    /// Months added to the 2-month filing deadline (0 or 1, sometimes more).
    public var filingExtensionMonths: Int
    /// Years kept (7).
    public var years: Int
    /// Years kept when the fiscal year has 欠損金 (10).
    public var lossCarryforwardYears: Int

    /// A policy (defaults: March year end, no extension, 7 and 10 years).
    public init(fiscalYearEndMonth: Int = 3, fiscalYearEndDay: Int = 31, filingExtensionMonths: Int = 0, years: Int = 7, lossCarryforwardYears: Int = 10) {
        self.fiscalYearEndMonth = fiscalYearEndMonth
        self.fiscalYearEndDay = fiscalYearEndDay
        self.filingExtensionMonths = filingExtensionMonths
        self.years = years
        self.lossCarryforwardYears = lossCarryforwardYears
    }

    /// The fiscal-year end for `metadata`.
    public func fiscalYearEnd(for metadata: RecordMetadata) -> CivilDate {
        if let end = metadata.fiscalYearEnd { return end }
        let date = metadata.transactionDate
        func end(in year: Int) -> CivilDate {
            let month = min(max(fiscalYearEndMonth, 1), 12)
            return CivilDate(uncheckedYear: year, month: month, day: min(max(fiscalYearEndDay, 1), CivilDate.numberOfDays(inMonth: month, year: year)))
        }
        let sameYear = end(in: date.year)
        return sameYear >= date ? sameYear : end(in: date.year + 1)
    }

    /// The filing deadline: fiscal-year end + 2 months + the extension (month ends stay month ends).
    public func filingDeadline(for metadata: RecordMetadata) -> CivilDate {
        fiscalYearEnd(for: metadata).adding(months: 2 + filingExtensionMonths)
    }

    /// The last day the record must be kept: the period starts the day after the filing
    /// deadline and lasts 7 (or 10) years, so it ends the day before that anniversary.
    public func retentionEnd(for metadata: RecordMetadata) -> CivilDate {
        let start = filingDeadline(for: metadata).adding(days: 1)
        return start.adding(years: metadata.hasLossCarryforward ? lossCarryforwardYears : years).adding(days: -1)
    }
}
