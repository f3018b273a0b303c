import Foundation
import Testing
@testable import LegalRetention

@Suite struct CivilDateTests {
    @Test func daysSince1970RoundTripsAndMatchesKnownWeekdays() throws {
        #expect(try CivilDate("1970-01-01").daysSince1970 == 0)
        #expect(try CivilDate("2000-03-01").daysSince1970 == 11_017)
        #expect(try CivilDate("2024-02-29").weekday == .thursday)
        #expect(try CivilDate("2100-12-31").weekday == .friday)
        #expect(try CivilDate("1969-12-31").weekday == .wednesday)
        for days in stride(from: -719_162, through: 2_932_896, by: 997) {  // 0001-01-01 … 9999-12-31
            let date = CivilDate(daysSince1970: days)
            #expect(date.daysSince1970 == days)
            #expect(try CivilDate(year: date.year, month: date.month, day: date.day) == date)
        }
    }

    @Test func invalidDatesAreRefusedWithATypedError() {
        for text in ["2023-02-29", "2100-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "２０２４-01-01", "2024/01/01", "+024-01-01", ""] {
            #expect(throws: CalendarError(.invalidDate, ""), "\(text)") { try CivilDate(text) }
        }
        #expect(throws: CalendarError(.invalidDate, "")) { try CivilDate(year: 0, month: 1, day: 1) }
        #expect((try? CivilDate("2000-02-29")) != nil)
    }

    @Test func codableIsAPlainDateString() throws {
        let date = try CivilDate("2026-05-06")
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == #"["2026-05-06"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: json) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CivilDate].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }

    /// The day in Japan does not depend on the process's time zone: 2024-12-31T15:00:00Z is
    /// already 2025-01-01 in Tokyo; one second earlier it is not.
    @Test func japanStandardTimeOfAnInstant() throws {
        let newYear = Date(timeIntervalSince1970: 1_735_657_200)  // 2024-12-31T15:00:00Z
        #expect(CivilDate(japanStandardTimeOf: newYear) == (try CivilDate("2025-01-01")))
        #expect(CivilDate(japanStandardTimeOf: newYear.addingTimeInterval(-1)) == (try CivilDate("2024-12-31")))
        #expect(CivilDate(japanStandardTimeOf: Date(timeIntervalSince1970: -32_401)) == (try CivilDate("1969-12-31")))
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
    }
}
