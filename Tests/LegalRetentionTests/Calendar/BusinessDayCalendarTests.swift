import ContractModel
import Foundation
import Testing
@testable import LegalRetention

@Suite struct BusinessDayCalendarTests {
    let standard = BusinessDayCalendar.japaneseStandard

    /// Across the year-end closure and 成人の日 2025 (1/13): 12/27 (Fri) + 7 = 1/15.
    @Test func sevenBusinessDaysAcrossTheYearEnd() throws {
        let received = try CivilDate("2024-12-27")
        #expect(try standard.adding(businessDays: 7, to: received) == CivilDate("2025-01-15"))
        #expect(try standard.adding(businessDays: 1, to: received) == CivilDate("2025-01-06"))
        #expect(try standard.businessDays(after: received, through: CivilDate("2025-01-15")) == 7)
        #expect(try standard.adding(businessDays: -7, to: CivilDate("2025-01-15")) == received)
        #expect(try standard.closure(on: CivilDate("2024-12-30")) == .annualClosure(MonthDay(12, 30)))
        #expect(try standard.closure(on: CivilDate("2025-01-02")) == .annualClosure(MonthDay(1, 2)))
        if case .publicHoliday(let holiday) = try standard.closure(on: CivilDate("2025-01-13")) {
            #expect(holiday.name == .comingOfAgeDay)
        } else {
            Issue.record("2025-01-13 should be 成人の日")
        }
    }

    /// Golden Week 2026: 4/28 (Tue) + 7 business days = 5/13.
    @Test func sevenBusinessDaysAcrossGoldenWeek() throws {
        #expect(try standard.adding(businessDays: 7, to: CivilDate("2026-04-28")) == CivilDate("2026-05-13"))
        #expect(try standard.businessDays(after: CivilDate("2026-04-28"), through: CivilDate("2026-05-10")) == 4)
        #expect(try standard.businessDay(onOrAfter: CivilDate("2026-05-02")) == CivilDate("2026-05-07"))
        #expect(try standard.businessDay(onOrAfter: CivilDate("2026-05-07")) == CivilDate("2026-05-07"))
    }

    /// Counting and adding agree on every start day of 2025–2026 for 0…30 business days.
    @Test func countingInvertsAdding() throws {
        var date = try CivilDate("2025-01-01")
        while date.year < 2027 {
            for count in [0, 1, 2, 7, 30] {
                let later = try standard.adding(businessDays: count, to: date)
                #expect(try standard.businessDays(after: date, through: later) == count)
                if count > 0 { #expect(try standard.isBusinessDay(later)) }
            }
            date = date.adding(days: 1)
        }
        // 2026: 365 days − 104 weekend days − 17 weekday holidays − 1/2 and 12/29–12/31 = 240.
        #expect(try standard.businessDays(after: CivilDate("2025-12-31"), through: CivilDate("2026-12-31")) == 240)
    }

    @Test func everySettingCanBeChanged() throws {
        let saturday = try CivilDate("2026-06-06"), companyHoliday = try CivilDate("2026-06-08")
        var calendar = BusinessDayCalendar(extraClosedDates: [companyHoliday], extraOpenDates: [saturday])
        #expect(try calendar.isBusinessDay(saturday))
        #expect(try calendar.closure(on: companyHoliday) == .extraClosedDate)
        #expect(try calendar.adding(businessDays: 1, to: CivilDate("2026-06-05")) == saturday)
        #expect(try calendar.adding(businessDays: 2, to: CivilDate("2026-06-05")) == CivilDate("2026-06-09"))
        calendar = BusinessDayCalendar(closedWeekdays: [.sunday], closesPublicHolidays: false, annualClosures: [])
        #expect(try calendar.isBusinessDay(CivilDate("2026-01-01")))
        #expect(try calendar.isBusinessDay(CivilDate("2026-05-04")))
        #expect(try calendar.isBusinessDay(CivilDate("2026-05-09")))  // a Saturday
        #expect(try calendar.isBusinessDay(CivilDate("2150-06-01")))  // no holiday rules needed
    }

    @Test func impossibleConfigurationsAndYearsFailWithTypedErrors() throws {
        let closed = BusinessDayCalendar(closedWeekdays: Set(Weekday.allCases), closesPublicHolidays: false)
        #expect(throws: CalendarError(.noBusinessDay, "")) { try closed.adding(businessDays: 1, to: CivilDate("2026-01-01")) }
        #expect(throws: CalendarError(.invalidArgument, "")) { try self.standard.adding(businessDays: 40_000, to: CivilDate("2026-01-01")) }
        #expect(throws: CalendarError(.unsupportedYear, "")) { try self.standard.adding(businessDays: 7, to: CivilDate("2100-12-28")) }
        #expect(throws: CalendarError(.unsupportedYear, "")) { try self.standard.isBusinessDay(CivilDate("1999-12-31")) }
    }

    @Test func configurationIsCodable() throws {
        let calendar = BusinessDayCalendar(closedWeekdays: [.sunday], extraClosedDates: [try CivilDate("2026-08-14")])
        let json = try JSONEncoder().encode(calendar)
        #expect(try JSONDecoder().decode(BusinessDayCalendar.self, from: json) == calendar)
        #expect(String(decoding: json, as: UTF8.self).contains(#""2026-08-14""#))
        #expect(String(decoding: json, as: UTF8.self).contains(#""12-29""#))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([MonthDay].self, from: Data(#"["1-+1"]"#.utf8)) }
    }
}
