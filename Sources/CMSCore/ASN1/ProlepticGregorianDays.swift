/// Day counts in the proleptic Gregorian calendar, with integer arithmetic only (Howard Hinnant,
/// "chrono-Compatible Low-Level Date Algorithms": eras of 400 years, 146,097 days).
///
/// The package's one copy of the algorithm: X.509 and timestamp times (``ASN1Time``), PDF date
/// strings and ContractModel's `CivilDate` all use it. Integer arithmetic rather than
/// Foundation's `Calendar`, whose first use costs a command-line process about half a
/// millisecond.
package enum ProlepticGregorianDays {
    /// The civil date `days` days after 1970-01-01 (negative: before it).
    package static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days from 1970-01-01 to a civil date (negative before it).
    package static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Whole days and the second of the day of an instant in whole seconds since 1970 (UTC),
    /// flooring for instants before 1970.
    package static func split(secondsSince1970 total: Int) -> (days: Int, secondOfDay: Int) {
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        return (days, total - days * 86_400)
    }
}
