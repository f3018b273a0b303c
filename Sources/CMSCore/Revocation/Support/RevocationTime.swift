import Foundation
import SwiftASN1

/// Converts ASN.1 times (`GeneralizedTime`, `UTCTime`, X.509 `Time`) to `Date`.
package enum RevocationTime {
    /// `Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }` (RFC 5280 §4.1.2.5).
    package static func parseTime(_ node: ASN1Node) throws -> Date {
        switch node.identifier {
        case .utcTime:
            let t = try UTCTime(berEncoded: node)
            return date(year: t.year, month: t.month, day: t.day, hours: t.hours, minutes: t.minutes,
                        seconds: t.seconds, fraction: 0)
        case .generalizedTime:
            return try parseGeneralizedTime(node)
        default:
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
    }

    /// A `GeneralizedTime` (with the given tag).
    package static func parseGeneralizedTime(_ node: ASN1Node, identifier: ASN1Identifier = .generalizedTime) throws -> Date {
        let t = try GeneralizedTime(berEncoded: node, withIdentifier: identifier)
        return date(year: t.year, month: t.month, day: t.day, hours: t.hours, minutes: t.minutes,
                    seconds: t.seconds, fraction: t.fractionalSeconds)
    }

    /// The UTC calendar date and time of `date`, truncated to whole seconds (proleptic Gregorian).
    package static func components(of date: Date) -> (year: Int, month: Int, day: Int, hours: Int, minutes: Int, seconds: Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secs = total - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, secs / 3_600, secs % 3_600 / 60, secs % 60)
    }

    /// `date` as a DER `GeneralizedTime` in whole seconds ("YYYYMMDDHHMMSSZ", RFC 5280 §4.1.2.5.2).
    package static func generalizedTime(_ date: Date) throws -> GeneralizedTime {
        let c = components(of: date)
        return try GeneralizedTime(year: c.year, month: c.month, day: c.day, hours: c.hours, minutes: c.minutes,
                                   seconds: c.seconds, fractionalSeconds: 0)
    }

    /// Serializes `date` as an X.509 `Time`: `UTCTime` through 2049, `GeneralizedTime` from
    /// 2050 on (RFC 5280 §5.1.2.4), in whole seconds.
    package static func serializeTime(_ date: Date, into coder: inout DER.Serializer) throws {
        let c = components(of: date)
        if (1950...2049).contains(c.year) {
            try coder.serialize(try UTCTime(year: c.year, month: c.month, day: c.day, hours: c.hours,
                                            minutes: c.minutes, seconds: c.seconds))
        } else {
            try coder.serialize(try generalizedTime(date))
        }
    }

    /// The instant of a UTC calendar date and time (proleptic Gregorian).
    package static func date(year: Int, month: Int, day: Int, hours: Int, minutes: Int, seconds: Int,
                             fraction: Double) -> Date {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let secs = days * 86_400 + hours * 3_600 + minutes * 60 + seconds
        return Date(timeIntervalSince1970: Double(secs) + fraction)
    }
}

extension Duration {
    /// The duration in seconds as a `TimeInterval`.
    package var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
