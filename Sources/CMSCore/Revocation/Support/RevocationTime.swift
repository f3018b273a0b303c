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
