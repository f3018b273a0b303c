import ContractModel
import Foundation
import Testing
@testable import LegalRetention

/// LegalRetention's extensions of ``CivilDate``: weekdays and 民法 periods.
@Suite struct CivilDateCalendarTests {
    @Test func knownWeekdays() throws {
        #expect(try CivilDate("1970-01-01").weekday == .thursday)
        #expect(try CivilDate("2024-02-29").weekday == .thursday)
        #expect(try CivilDate("2100-12-31").weekday == .friday)
        #expect(try CivilDate("1969-12-31").weekday == .wednesday)
        #expect(try CivilDate("0001-01-01").weekday == .monday)
        for days in stride(from: -719_162, through: 2_932_896, by: 997) {
            let date = CivilDate(daysSince1970: days)
            #expect(date.adding(days: 7).weekday == date.weekday)
            #expect(date.adding(days: 1).weekday.isoNumber == date.weekday.isoNumber % 7 + 1)
        }
    }

    /// 民法 第140条・第143条: two months after receipt.
    @Test func periodsOfMonthsFollowTheCivilCode() throws {
        let cases = [
            ("2026-04-10", 2, "2026-06-10"), ("2025-11-30", 2, "2026-01-31"), ("2025-12-30", 2, "2026-02-28"),
            ("2023-12-30", 2, "2024-02-29"), ("2025-12-31", 2, "2026-02-28"), ("2026-01-31", 1, "2026-02-28"),
            ("2026-02-28", 1, "2026-03-31"),  // starts 03-01, so §143①
            ("2026-03-15", 0, "2026-03-15"),
        ]
        for (start, months, end) in cases {
            #expect(try CivilDate(start).lastDayOfPeriod(months: months) == CivilDate(end), "\(start) + \(months)")
        }
        #expect(throws: CalendarError(.invalidArgument, "")) { try CivilDate("2026-01-01").lastDayOfPeriod(months: -1) }
        #expect(throws: CalendarError(.invalidDate, "")) { try CivilDate("9999-12-31").lastDayOfPeriod(months: 0) }
        #expect(throws: CalendarError(.invalidDate, "")) { try CivilDate("9999-11-15").lastDayOfPeriod(months: 2) }
        #expect(try CivilDate("9999-10-15").lastDayOfPeriod(months: 2) == CivilDate("9999-12-15"))
    }
}
