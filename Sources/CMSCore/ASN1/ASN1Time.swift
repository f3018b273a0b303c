import Foundation
import SwiftASN1

/// Conversions between ASN.1 times (UTCTime, GeneralizedTime) and `Date`.
package enum ASN1Time {
    /// The date of a `Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }` node.
    package static func date(from node: ASN1Node) throws -> Date {
        switch node.identifier {
        case .utcTime: return date(try UTCTime(derEncoded: node))
        case .generalizedTime: return date(try GeneralizedTime(derEncoded: node))
        default: throw ASN1Error.unexpectedFieldType(node.identifier)
        }
    }

    package static func date(_ time: UTCTime) -> Date {
        date(year: time.year, month: time.month, day: time.day, hour: time.hours, minute: time.minutes, second: time.seconds, fraction: 0)
    }

    package static func date(_ time: GeneralizedTime) -> Date {
        date(year: time.year, month: time.month, day: time.day, hour: time.hours, minute: time.minutes,
             second: time.seconds, fraction: time.fractionalSeconds)
    }

    private static func date(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, fraction: Double) -> Date {
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        let base = Calendar.utcGregorian.date(from: components) ?? Date(timeIntervalSince1970: 0)
        return base.addingTimeInterval(fraction)
    }

    /// A `GeneralizedTime` for `date` (UTC, with fractional seconds to the millisecond when present).
    ///
    /// - Throws: ``CMSError/Code/invalidArgument`` for dates outside years 1–9999.
    package static func generalizedTime(_ date: Date) throws -> GeneralizedTime {
        let c = Calendar.utcGregorian.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        guard let year = c.year, let month = c.month, let day = c.day, let hour = c.hour, let minute = c.minute,
              let second = c.second, (1...9999).contains(year)
        else {
            throw CMSError(.invalidArgument, "\(date) cannot be written as an ASN.1 time")
        }
        // Whole milliseconds; a fraction that rounds up to a full second is dropped rather than carried.
        let millis = min(999, Int((Double(c.nanosecond ?? 0) / 1e6).rounded()))
        return try GeneralizedTime(year: year, month: month, day: day, hours: hour, minutes: minute,
                                   seconds: second, fractionalSeconds: Double(millis) / 1000)
    }
}
