import Foundation
@testable import PDFSign
import Testing

@Suite("PDF date strings (ISO 32000-2 §7.9.4) without Calendar")
struct PDFDateStringTests {
    /// What `Calendar` in UTC says, for comparison.
    static func expected(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "D:%04d%02d%02d%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    @Test("agrees with Calendar on edges: epoch, before it, leap days, century years, far dates")
    func edges() {
        let instants: [TimeInterval] = [
            0, -1, -86_400, -86_401, 59, 86_399, 86_400,
            951_782_400, 951_868_799, 951_868_800,  // 2000-02-29 (a leap century), the day after
            4_107_542_400, 4_107_628_800,  // 2100-02-28, 2100-03-01 (2100 is not a leap year)
            1_795_653_000, 1_800_000_000.75, 253_402_300_799,  // …, 9999-12-31T23:59:59Z
            -2_208_988_800,  // 1900-01-01
        ]
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            #expect(String(decoding: PDFString.date(date).bytes, as: UTF8.self) == Self.expected(date), "\(instant)")
        }
    }

    @Test("agrees with Calendar on a day-by-day sweep over 1968–2104 and reads back")
    func sweep() {
        var instant: TimeInterval = -63_158_400  // 1968-01-01
        while instant < 4_260_000_000 {
            let date = Date(timeIntervalSince1970: instant + 3_723)
            #expect(String(decoding: PDFString.date(date).bytes, as: UTF8.self) == Self.expected(date), "\(instant)")
            #expect(PDFString.date(date).dateValue == date)
            instant += 86_400 * 7 + 13
        }
    }
}
