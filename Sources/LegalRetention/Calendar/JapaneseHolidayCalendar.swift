import ContractModel

/// The public holidays of Japan: the 国民の祝日 of the 国民の祝日に関する法律 (祝日法) as amended
/// up to 2018, the 休日 its 第3条 derives from them (振替休日, 国民の休日), and the days special
/// laws added or moved:
///
/// - 2019: 天皇の即位の日 (5月1日) and 即位礼正殿の儀の行われる日 (10月22日), deemed 国民の祝日
///   (天皇の即位の日及び即位礼正殿の儀の行われる日を休日とする法律, 平成30年法律第99号), which makes
///   4月30日 and 5月2日 国民の休日; no 天皇誕生日 that year.
/// - 2020 and 2021: 海の日, スポーツの日 and 山の日 moved around the Olympic Games (平成三十二年東京
///   オリンピック競技大会・東京パラリンピック競技大会特別措置法, 平成27年法律第33号, 第32条 as amended
///   in 2018 and 2020).
///
/// Rule changes inside ``supportedYears``: 海の日 and 敬老の日 became Happy Mondays in 2003
/// (平成13年法律第59号); 昭和の日 and みどりの日 on 5月4日 and the wider 振替休日 and 国民の休日
/// rules apply from 2007 (平成17年法律第43号); 山の日 from 2016 (平成26年法律第43号); 天皇誕生日 on
/// 2月23日 from 2020; 体育の日 renamed スポーツの日 from 2020 (平成30年法律第57号).
///
/// A value type without state: every query computes the year's list (about twenty days).
public struct JapaneseHolidayCalendar: Hashable, Sendable, Codable {
    /// The years whose holidays this calendar knows. Equinoxes after the last 官報 announcement are
    /// predicted (see ``JapaneseEquinox``); no later amendment of the 祝日法 is anticipated.
    public static let supportedYears: ClosedRange<Int> = 2000...2100

    /// Creates the calendar.
    public init() {}

    /// The holidays of a year, in date order.
    ///
    /// - Throws: ``CalendarError`` with code ``CalendarError/Code/unsupportedYear`` outside
    ///   ``supportedYears``.
    public func holidays(in year: Int) throws -> [JapaneseHoliday] {
        guard Self.supportedYears.contains(year) else {
            throw CalendarError(.unsupportedYear, "the holiday rules are implemented for \(Self.supportedYears), not \(year)")
        }
        let national = try Self.nationalHolidays(in: year)
        var days = national
        // 振替休日 (第3条第2項).
        for (date, _) in national where date.weekday == .sunday {
            var candidate = date.adding(days: 1)
            if year >= 2007 {
                while national[candidate] != nil { candidate = candidate.adding(days: 1) }
            } else if national[candidate] != nil {
                continue
            }
            days[candidate] = JapaneseHoliday(date: candidate, name: .substituteHoliday, substitutes: date)
        }
        // 国民の休日 (第3条第3項): a day between two 国民の祝日 that is not one itself (before 2007,
        // nor a Sunday or a 振替休日).
        for (date, _) in national {
            let between = date.adding(days: 1), next = date.adding(days: 2)
            guard national[between] == nil, national[next] != nil, between.year == year else { continue }
            if year < 2007, between.weekday == .sunday || days[between] != nil { continue }
            if days[between] == nil { days[between] = JapaneseHoliday(date: between, name: .citizensHoliday) }
        }
        return days.values.sorted { $0.date < $1.date }
    }

    /// The holiday on a day, or `nil` when it is not one.
    ///
    /// - Throws: ``CalendarError`` with code ``CalendarError/Code/unsupportedYear`` outside
    ///   ``supportedYears``.
    public func holiday(on date: CivilDate) throws -> JapaneseHoliday? {
        try holidays(in: date.year).first { $0.date == date }
    }

    /// The 国民の祝日 of `year` (and the days special laws deem to be ones), by date.
    private static func nationalHolidays(in year: Int) throws -> [CivilDate: JapaneseHoliday] {
        var days: [CivilDate: JapaneseHoliday] = [:]
        func add(_ month: Int, _ day: Int, _ name: JapaneseHolidayName) throws {
            let date = try CivilDate(year: year, month: month, day: day)
            days[date] = JapaneseHoliday(date: date, name: name)
        }
        func monday(_ nth: Int, of month: Int) throws -> Int {
            let first = try CivilDate(year: year, month: month, day: 1).weekday.isoNumber
            return 1 + (8 - first) % 7 + 7 * (nth - 1)
        }
        try add(1, 1, .newYearsDay)
        try add(1, monday(2, of: 1), .comingOfAgeDay)
        try add(2, 11, .nationalFoundationDay)
        if year <= 2018 { try add(12, 23, .emperorsBirthday) }
        if year >= 2020 { try add(2, 23, .emperorsBirthday) }
        guard let vernal = JapaneseEquinox.vernal(year: year), let autumnal = JapaneseEquinox.autumnal(year: year) else {
            throw CalendarError(.unsupportedYear, "no equinox formula for \(year)")
        }
        try add(3, vernal.day, .vernalEquinoxDay)
        try add(9, autumnal.day, .autumnalEquinoxDay)
        if year >= 2007 {
            try add(4, 29, .showaDay)
            try add(5, 4, .greeneryDay)
        } else {
            try add(4, 29, .greeneryDay)
        }
        try add(5, 3, .constitutionMemorialDay)
        try add(5, 5, .childrensDay)
        switch year {
        case 2020: try add(7, 23, .marineDay); try add(7, 24, .sportsDay); try add(8, 10, .mountainDay)
        case 2021: try add(7, 22, .marineDay); try add(7, 23, .sportsDay); try add(8, 8, .mountainDay)
        default:
            try add(7, year >= 2003 ? monday(3, of: 7) : 20, .marineDay)
            if year >= 2016 { try add(8, 11, .mountainDay) }
            try add(10, monday(2, of: 10), year >= 2020 ? .sportsDay : .healthAndSportsDay)
        }
        try add(9, year >= 2003 ? monday(3, of: 9) : 15, .respectForTheAgedDay)
        try add(11, 3, .cultureDay)
        try add(11, 23, .laborThanksgivingDay)
        if year == 2019 {
            try add(5, 1, .enthronementDay)
            try add(10, 22, .enthronementCeremonyDay)
        }
        return days
    }
}
