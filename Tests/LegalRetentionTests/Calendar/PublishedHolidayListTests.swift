import ContractModel
import Testing
@testable import LegalRetention

/// The holiday lists the 内閣府 publishes (「国民の祝日について」 and its past-year pages), written out
/// by hand: each year's every holiday with its name, so an added, missing or renamed day fails.
@Suite struct PublishedHolidayListTests {
    private func list(_ year: Int) throws -> [String] {
        try JapaneseHolidayCalendar().holidays(in: year).map { "\($0.date.month)/\($0.date.day) \($0.name.japaneseName)" }
    }

    @Test func year2019HasTheEnthronementHolidaysAndNoEmperorsBirthday() throws {
        #expect(try list(2019) == [
            "1/1 元日", "1/14 成人の日", "2/11 建国記念の日", "3/21 春分の日", "4/29 昭和の日", "4/30 国民の休日",
            "5/1 天皇の即位の日", "5/2 国民の休日", "5/3 憲法記念日", "5/4 みどりの日", "5/5 こどもの日", "5/6 振替休日",
            "7/15 海の日", "8/11 山の日", "8/12 振替休日", "9/16 敬老の日", "9/23 秋分の日", "10/14 体育の日",
            "10/22 即位礼正殿の儀の行われる日", "11/3 文化の日", "11/4 振替休日", "11/23 勤労感謝の日",
        ])
    }

    @Test func year2020MovesTheOlympicHolidays() throws {
        #expect(try list(2020) == [
            "1/1 元日", "1/13 成人の日", "2/11 建国記念の日", "2/23 天皇誕生日", "2/24 振替休日", "3/20 春分の日",
            "4/29 昭和の日", "5/3 憲法記念日", "5/4 みどりの日", "5/5 こどもの日", "5/6 振替休日",
            "7/23 海の日", "7/24 スポーツの日", "8/10 山の日", "9/21 敬老の日", "9/22 秋分の日",
            "11/3 文化の日", "11/23 勤労感謝の日",
        ])
    }

    @Test func year2021MovesThemAgainWithASundayMountainDay() throws {
        #expect(try list(2021) == [
            "1/1 元日", "1/11 成人の日", "2/11 建国記念の日", "2/23 天皇誕生日", "3/20 春分の日", "4/29 昭和の日",
            "5/3 憲法記念日", "5/4 みどりの日", "5/5 こどもの日", "7/22 海の日", "7/23 スポーツの日",
            "8/8 山の日", "8/9 振替休日", "9/20 敬老の日", "9/23 秋分の日", "11/3 文化の日", "11/23 勤労感謝の日",
        ])
    }

    @Test func year2024() throws {
        #expect(try list(2024) == [
            "1/1 元日", "1/8 成人の日", "2/11 建国記念の日", "2/12 振替休日", "2/23 天皇誕生日", "3/20 春分の日",
            "4/29 昭和の日", "5/3 憲法記念日", "5/4 みどりの日", "5/5 こどもの日", "5/6 振替休日", "7/15 海の日",
            "8/11 山の日", "8/12 振替休日", "9/16 敬老の日", "9/22 秋分の日", "9/23 振替休日", "10/14 スポーツの日",
            "11/3 文化の日", "11/4 振替休日", "11/23 勤労感謝の日",
        ])
    }

    /// 2026: 憲法記念日 on a Sunday moves its 振替休日 past みどりの日 and こどもの日 to 5/6
    /// (the 2007 rule), and 9/22 is a 国民の休日 between 敬老の日 and 秋分の日.
    @Test func year2026() throws {
        #expect(try list(2026) == [
            "1/1 元日", "1/12 成人の日", "2/11 建国記念の日", "2/23 天皇誕生日", "3/20 春分の日", "4/29 昭和の日",
            "5/3 憲法記念日", "5/4 みどりの日", "5/5 こどもの日", "5/6 振替休日", "7/20 海の日", "8/11 山の日",
            "9/21 敬老の日", "9/22 国民の休日", "9/23 秋分の日", "10/12 スポーツの日", "11/3 文化の日",
            "11/23 勤労感謝の日",
        ])
        let substitute = try JapaneseHolidayCalendar().holiday(on: CivilDate("2026-05-06"))
        #expect(substitute?.substitutes == (try CivilDate("2026-05-03")))
    }

    /// Before 2007: みどりの日 on 4/29, 5/4 a 国民の休日, 海の日 on 7/20 and 敬老の日 on 9/15
    /// (until 2002), and a 振替休日 only on the Monday after a Sunday holiday.
    @Test func theOldRulesApplyBefore2003And2007() throws {
        #expect(try list(2001) == [
            "1/1 元日", "1/8 成人の日", "2/11 建国記念の日", "2/12 振替休日", "3/20 春分の日", "4/29 みどりの日",
            "4/30 振替休日", "5/3 憲法記念日", "5/4 国民の休日", "5/5 こどもの日", "7/20 海の日", "9/15 敬老の日",
            "9/23 秋分の日", "9/24 振替休日", "10/8 体育の日", "11/3 文化の日", "11/23 勤労感謝の日",
            "12/23 天皇誕生日", "12/24 振替休日",
        ])
        #expect(try list(2006).contains("5/4 国民の休日"))
        #expect(try list(2007).contains("5/4 みどりの日"))
        #expect(try list(2007).contains("4/29 昭和の日"))
        #expect(try list(2003).contains("7/21 海の日"))
        #expect(try list(2003).contains("9/15 敬老の日"))
        #expect(try list(2004).contains("9/20 敬老の日"))
    }

    /// Equinox days published by the 国立天文台 (暦要項) for past years, and the formula's
    /// values at the edges of its ranges.
    @Test func equinoxes() throws {
        let vernal = [2000: 20, 2012: 20, 2023: 21, 2024: 20, 2025: 20, 2026: 20, 2027: 21]
        let autumnal = [2000: 23, 2012: 22, 2016: 22, 2019: 23, 2024: 22, 2025: 23, 2026: 23]
        for (year, day) in vernal { #expect(JapaneseEquinox.vernal(year: year)?.day == day, "春分 \(year)") }
        for (year, day) in autumnal { #expect(JapaneseEquinox.autumnal(year: year)?.day == day, "秋分 \(year)") }
        #expect(JapaneseEquinox.vernal(year: 1900)?.day == 21)
        #expect(JapaneseEquinox.autumnal(year: 1900)?.day == 23)
        #expect(JapaneseEquinox.vernal(year: 2100)?.day == 20)  // 21.8510 + 0.242194 × 120 − 30 = 20.91
        #expect(JapaneseEquinox.autumnal(year: 2100)?.day == 23)
        #expect(JapaneseEquinox.vernal(year: 1899) == nil)
        #expect(JapaneseEquinox.autumnal(year: 2151) == nil)
    }

    @Test func yearsOutsideTheRulesAreRefused() {
        #expect(throws: CalendarError(.unsupportedYear, "")) { try JapaneseHolidayCalendar().holidays(in: 1999) }
        #expect(throws: CalendarError(.unsupportedYear, "")) { try JapaneseHolidayCalendar().holidays(in: 2101) }
    }
}
