extension CivilDate {
    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CivilDate { CivilDate(daysSince1970: daysSince1970 + days) }

    /// The number of days from this date to `other` (negative when `other` is earlier).
    public func days(until other: CivilDate) -> Int { other.daysSince1970 - daysSince1970 }

    /// The date `count` months later (earlier when negative). A month-end date stays at the
    /// month's end (03-31 + 2 → 05-31, 11-30 + 3 → 02-28 or 02-29); other days are clamped to
    /// the target month's length.
    ///
    /// This is the rule for filing deadlines (決算日 + 2か月); periods counted as the 民法 counts
    /// them are LegalRetention's `lastDayOfPeriod(months:)`.
    public func adding(months count: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + count
        let newYear = total / 12, newMonth = total % 12 + 1
        let isMonthEnd = day == Self.numberOfDays(inMonth: month, year: year)
        let length = Self.numberOfDays(inMonth: newMonth, year: newYear)
        return CivilDate(uncheckedYear: newYear, month: newMonth, day: isMonthEnd ? length : min(day, length))
    }

    /// The date `count` years later (02-29 becomes 02-28 in a common year).
    public func adding(years count: Int) -> CivilDate {
        let newYear = year + count
        return CivilDate(uncheckedYear: newYear, month: month, day: min(day, Self.numberOfDays(inMonth: month, year: newYear)))
    }
}
