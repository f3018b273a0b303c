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

    /// A `GeneralizedTime` for `date` (UTC, with fractional seconds when present).
    package static func generalizedTime(_ date: Date) throws -> GeneralizedTime {
        let c = Calendar.utcGregorian.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        let fraction = Double(c.nanosecond ?? 0) / 1e9
        return try GeneralizedTime(year: c.year!, month: c.month!, day: c.day!, hours: c.hour!, minutes: c.minute!,
                                   seconds: c.second!, fractionalSeconds: (fraction * 1000).rounded() / 1000)
    }
}
