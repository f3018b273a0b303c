import ContractModel
import Foundation
import Testing

/// The one calendar-date type: 取引年月日, contract terms, retention ends and the business calendar.
@Suite struct CivilDateTests {
    @Test func daysSince1970RoundTrips() throws {
        #expect(try CivilDate("1970-01-01").daysSince1970 == 0)
        #expect(try CivilDate("2000-03-01").daysSince1970 == 11_017)
        #expect(try CivilDate("1969-12-31").daysSince1970 == -1)
        for days in stride(from: -719_162, through: 2_932_896, by: 997) {  // 0001-01-01 … 9999-12-31
            let date = CivilDate(daysSince1970: days)
            #expect(date.daysSince1970 == days)
            #expect(try CivilDate(year: date.year, month: date.month, day: date.day) == date)
            #expect(try CivilDate(date.description) == date)
        }
        #expect(try CivilDate("2024-01-01").days(until: CivilDate("2024-12-31")) == 365)
    }

    @Test func invalidDatesAreRefusedWithATypedError() {
        for text in ["2023-02-29", "2100-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "２０２４-01-01", "2024/01/01", "+024-01-01",
                     "2024-+1-01", "0000-01-01", ""] {
            #expect(throws: ContractError(.invalidDate, ""), "\(text)") { try CivilDate(text) }
        }
        #expect(throws: ContractError(.invalidDate, "")) { try CivilDate(year: 0, month: 1, day: 1) }
        #expect(throws: ContractError(.invalidDate, "")) { try CivilDate(year: 10_000, month: 1, day: 1) }
        #expect((try? CivilDate("2000-02-29")) != nil)
        // Proleptic Gregorian: the days Foundation's calendar skips in October 1582 exist.
        #expect((try? CivilDate("1582-10-10")) != nil)
    }

    @Test func codableIsAPlainDateString() throws {
        let date = try CivilDate("2026-05-06")
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == #"["2026-05-06"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: json) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CivilDate].self, from: Data(#"["2026-02-30"]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CivilDate].self, from: Data("[20260506]".utf8)) }
    }

    @Test func ordersByCalendar() throws {
        let dates = try ["2026-01-02", "2025-12-31", "2026-01-01", "0999-12-31"].map { try CivilDate($0) }
        #expect(dates.sorted().map(\.description) == ["0999-12-31", "2025-12-31", "2026-01-01", "2026-01-02"])
    }

    /// The day in Japan does not depend on the process's time zone: 2024-12-31T15:00:00Z is
    /// already 2025-01-01 in Tokyo; one second earlier it is not.
    @Test func japanStandardTimeOfAnInstant() throws {
        let newYear = Date(timeIntervalSince1970: 1_735_657_200)  // 2024-12-31T15:00:00Z
        #expect(CivilDate(japanStandardTimeOf: newYear) == (try CivilDate("2025-01-01")))
        #expect(CivilDate(japanStandardTimeOf: newYear.addingTimeInterval(-1)) == (try CivilDate("2024-12-31")))
        #expect(CivilDate(japanStandardTimeOf: Date(timeIntervalSince1970: -32_401)) == (try CivilDate("1969-12-31")))
    }

    /// Month ends stay month ends (filing deadlines); 02-29 becomes 02-28 in a common year.
    @Test func addingMonthsAndYears() throws {
        let cases = [("2024-03-31", 2, "2024-05-31"), ("2023-11-30", 3, "2024-02-29"), ("2024-11-30", 3, "2025-02-28"),
                     ("2024-01-31", 1, "2024-02-29"), ("2024-04-30", 1, "2024-05-31"), ("2024-01-15", 13, "2025-02-15")]
        for (start, months, end) in cases {
            #expect(try CivilDate(start).adding(months: months) == CivilDate(end), "\(start) + \(months) months")
        }
        #expect(try CivilDate("2024-02-29").adding(years: 1) == CivilDate("2025-02-28"))
        #expect(try CivilDate("2024-02-29").adding(years: 4) == CivilDate("2028-02-29"))
        #expect(try CivilDate("1970-01-01").adding(days: 20_000).description == "2024-10-04")
    }
}
