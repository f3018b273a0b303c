import Foundation

/// A calendar day (no time, no zone), as 取引年月日 and retention dates are: `YYYY-MM-DD`.
///
/// Days compare in calendar order, encode as their `YYYY-MM-DD` text, and do arithmetic in the
/// proleptic Gregorian calendar without any time zone, so results never depend on where or when
/// the code runs.
public struct ArchiveDay: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The year (1…9999).
    public let year: Int
    /// The month (1…12).
    public let month: Int
    /// The day of the month (1…31, valid for the month).
    public let day: Int

    /// A day. - Throws: ``ArchiveError/Code/invalidArgument`` for a day that does not exist.
    public init(year: Int, month: Int, day: Int) throws {
        guard (1...9999).contains(year), (1...12).contains(month), (1...Self.daysIn(year: year, month: month)).contains(day) else {
            throw ArchiveError(.invalidArgument, "\(year)-\(month)-\(day) is not a calendar day")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`. - Throws: ``ArchiveError/Code/invalidArgument``.
    public init(_ text: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            throw ArchiveError(.invalidArgument, "\"\(text)\" is not a date in the form YYYY-MM-DD")
        }
        try self.init(year: year, month: month, day: day)
    }

    /// The UTC day of `date`.
    public init(utcDayOf date: Date) {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        self = Self(daysSinceEpoch: days)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(value).count)) + String(value) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Calendar order.
    public static func < (lhs: ArchiveDay, rhs: ArchiveDay) -> Bool { (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day) }

    /// Decodes `YYYY-MM-DD` text.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
    }

    /// Encodes `YYYY-MM-DD` text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> ArchiveDay { Self(daysSinceEpoch: daysSinceEpoch + count) }

    /// The day `count` months later; a month-end day stays at the month's end (3/31 + 2 → 5/31,
    /// 11/30 + 3 → 2/28 or 2/29), other days are clamped to the target month's length.
    public func adding(months count: Int) -> ArchiveDay {
        let total = year * 12 + (month - 1) + count
        let newYear = total / 12, newMonth = total % 12 + 1
        let isMonthEnd = day == Self.daysIn(year: year, month: month)
        let length = Self.daysIn(year: newYear, month: newMonth)
        // Force-unwrap free: the values are in range by construction.
        return Self(unchecked: newYear, newMonth, isMonthEnd ? length : min(day, length))
    }

    /// The day `count` years later (2/29 becomes 2/28 in a common year).
    public func adding(years count: Int) -> ArchiveDay {
        let newYear = year + count
        return Self(unchecked: newYear, month, min(day, Self.daysIn(year: newYear, month: month)))
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
