import ContractModel

extension CivilDate {
    /// The last day of a period of `months` months that starts the day after this date, counted
    /// as the 民法 (Civil Code) counts periods.
    ///
    /// - 民法 第140条: a period counted from an event does not include its first day, so the
    ///   period starts the next day (初日不算入).
    /// - 民法 第143条第1項: when the period starts on the first day of a month, it ends on the
    ///   last day of its last month.
    /// - 民法 第143条第2項: otherwise it ends the day before the day of the last month that
    ///   corresponds to its first day, or on the last day of that month when it has no such day.
    ///
    /// Examples: received 2026-04-10, two months end 2026-06-10; received 2025-11-30 (the
    /// period starts 12-01), they end 2026-01-31; received 2025-12-30, they end 2026-02-28.
    /// 民法 第142条 (a period ending on a holiday extends to the next day) is not applied: the
    /// deadline check adds business days after the period anyway.
    ///
    /// - Parameter months: the length of the period, 0 or more (0 returns this date).
    /// - Throws: ``CalendarError`` with code ``CalendarError/Code/invalidArgument`` for a negative
    ///   count, or ``CalendarError/Code/invalidDate`` when the period would end after 9999-12-31.
    public func lastDayOfPeriod(months: Int) throws -> CivilDate {
        guard months >= 0, months <= 12 * 1000 else {
            throw CalendarError(.invalidArgument, "a period of \(months) months is out of range")
        }
        let start = adding(days: 1)
        let monthIndex = start.year * 12 + (start.month - 1) + months
        let year = monthIndex / 12, month = monthIndex % 12 + 1
        // In range from here on: the year is 1...9999, the month 1...12 and each day exists.
        guard year <= 9999 else {
            throw CalendarError(.invalidDate, "a period of \(months) months after \(self) ends after 9999-12-31")
        }
        if start.day == 1 {
            // Ends on the last day of the month before the (start + months)th month.
            return CivilDate(uncheckedYear: year, month: month, day: 1).adding(days: -1)
        }
        let length = CivilDate.numberOfDays(inMonth: month, year: year)
        if start.day > length {
            return CivilDate(uncheckedYear: year, month: month, day: length)
        }
        return CivilDate(uncheckedYear: year, month: month, day: start.day).adding(days: -1)
    }
}
