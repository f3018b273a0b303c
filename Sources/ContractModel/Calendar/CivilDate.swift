import Foundation
import CMSCore

/// A day of the proleptic Gregorian calendar, without a time or a time zone: 取引年月日,
/// contract terms, retention ends and the days of the Japanese business calendar.
///
/// Dates compare in calendar order, encode in JSON as the string `"YYYY-MM-DD"` (ISO 8601
/// calendar date, extended format) and do their arithmetic on day numbers, never through
/// `Foundation.Calendar`, whose results depend on the process's time zone and which switches
/// to the Julian calendar before 1582. Convert an instant with ``init(japanStandardTimeOf:)``
/// (Japan has used UTC+9 without daylight saving time since 1952).
///
/// LegalRetention adds the weekday, 民法 period counting and the business-day calendar.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, 1 through 9999.
    public let year: Int
    /// The month, 1 (January) through 12.
    public let month: Int
    /// The day of the month, 1 through 28, 29, 30 or 31.
    public let day: Int

    /// Creates a date, checking that it exists.
    ///
    /// - Throws: ``ContractError`` with code ``ContractError/Code/invalidDate`` when the year is
    ///   outside 1...9999 or the month or day does not exist.
    public init(year: Int, month: Int, day: Int) throws {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.numberOfDays(inMonth: month, year: year)).contains(day) else {
            throw ContractError(.invalidDate, "\(year)-\(month)-\(day) is not a date between 0001-01-01 and 9999-12-31")
        }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD` (ten ASCII characters).
    ///
    /// - Throws: ``ContractError`` with code ``ContractError/Code/invalidDate``.
    public init(_ text: String) throws {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else {
            throw ContractError(.invalidDate, "\(text.debugDescription) is not a YYYY-MM-DD date")
        }
        try self.init(year: year, month: month, day: day)
    }

    /// The date in Japan (UTC+9, no daylight saving time) at an instant, for example a
    /// timestamp token's genTime or "today" for a retention decision.
    public init(japanStandardTimeOf instant: Date) {
        let seconds = Int((instant.timeIntervalSince1970 + 9 * 3600).rounded(.down))
        self.init(daysSince1970: seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400))
    }

    /// The date a number of days after 1970-01-01 (negative: before it).
    public init(daysSince1970 days: Int) {
        let (year, month, day) = ProlepticGregorianDays.civil(fromDays: days)
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// A date whose fields the caller has already checked (or computed in range); for the
    /// package's own arithmetic only.
    package init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSince1970: Int {
        ProlepticGregorianDays.days(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Earlier dates sort first.
    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `year` is a leap year of the Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// The number of days in a month (28 through 31); 0 for a month outside 1...12.
    public static func numberOfDays(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeapYear(year) ? 29 : 28
        default: 0
        }
    }
}

extension CivilDate: Codable {
    /// Decodes a `"YYYY-MM-DD"` string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch let error as ContractError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }

    /// Encodes as a `"YYYY-MM-DD"` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
