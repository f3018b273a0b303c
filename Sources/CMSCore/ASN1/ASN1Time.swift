import Foundation
import SwiftASN1

/// Conversions between ASN.1 times (UTCTime, GeneralizedTime, the X.509 `Time` CHOICE) and
/// `Date`, for CMS attributes, OCSP, CRLs and time-stamp tokens.
///
/// Calendar arithmetic is done directly (proleptic Gregorian, UTC), without `Calendar`.
package enum ASN1Time {
    /// `Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }` (RFC 5280 §4.1.2.5).
    package static func date(from node: ASN1Node) throws -> Date {
        switch node.identifier {
        case .utcTime: return date(try UTCTime(berEncoded: node))
        case .generalizedTime: return try generalizedDate(from: node)
        default: throw ASN1Error.unexpectedFieldType(node.identifier)
        }
    }

    /// A `GeneralizedTime` node (with the given tag) as a date.
    package static func generalizedDate(from node: ASN1Node, identifier: ASN1Identifier = .generalizedTime) throws -> Date {
        date(try GeneralizedTime(berEncoded: node, withIdentifier: identifier))
    }

    package static func date(_ time: UTCTime) -> Date {
        date(year: time.year, month: time.month, day: time.day, hours: time.hours, minutes: time.minutes,
             seconds: time.seconds, fraction: 0)
    }

    package static func date(_ time: GeneralizedTime) -> Date {
        date(year: time.year, month: time.month, day: time.day, hours: time.hours, minutes: time.minutes,
             seconds: time.seconds, fraction: time.fractionalSeconds)
    }

    /// `date` as a `GeneralizedTime` in UTC.
    ///
    /// - Parameter milliseconds: keep whole milliseconds (time-stamp genTime may carry them);
    ///   otherwise whole seconds, as RFC 5280 and RFC 5652 require ("YYYYMMDDHHMMSSZ").
    /// - Throws: ``CMSError/Code/invalidArgument`` for dates outside years 1–9999.
    package static func generalizedTime(_ date: Date, milliseconds: Bool = false) throws -> GeneralizedTime {
        let c = components(of: date)
        guard (1...9999).contains(c.year) else {
            throw CMSError(.invalidArgument, "\(date) cannot be written as an ASN.1 time")
        }
        var fraction = 0.0
        if milliseconds {
            // Whole milliseconds; a fraction that rounds up to a full second is dropped rather than carried.
            let millis = min(999, Int(((date.timeIntervalSince1970 - date.timeIntervalSince1970.rounded(.down)) * 1000).rounded()))
            fraction = Double(millis) / 1000
        }
        return try GeneralizedTime(year: c.year, month: c.month, day: c.day, hours: c.hours, minutes: c.minutes,
                                   seconds: c.seconds, fractionalSeconds: fraction)
    }

    /// `date` as an X.509 `Time` / CMS signing-time value: `UTCTime` for 1950–2049,
    /// `GeneralizedTime` otherwise (RFC 5280 §4.1.2.5, RFC 5652 §11.3), in whole seconds.
    package static func time(_ date: Date) throws -> ASN1Any {
        let c = components(of: date)
        guard (1950...2049).contains(c.year) else { return try ASN1Any(erasing: generalizedTime(date)) }
        return try ASN1Any(erasing: UTCTime(year: c.year, month: c.month, day: c.day, hours: c.hours,
                                            minutes: c.minutes, seconds: c.seconds))
    }

    /// Writes `date` as an X.509 `Time` (see ``time(_:)``).
    package static func serializeTime(_ date: Date, into coder: inout DER.Serializer) throws {
        try coder.serialize(time(date))
    }

    /// The UTC calendar date and time of `date`, truncated to whole seconds (proleptic Gregorian).
    package static func components(of date: Date) -> (year: Int, month: Int, day: Int, hours: Int, minutes: Int, seconds: Int) {
        let (days, secs) = ProlepticGregorianDays.split(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)))
        let (year, month, day) = ProlepticGregorianDays.civil(fromDays: days)
        return (year, month, day, secs / 3_600, secs % 3_600 / 60, secs % 60)
    }

    /// The instant of a UTC calendar date and time (proleptic Gregorian).
    package static func date(year: Int, month: Int, day: Int, hours: Int, minutes: Int, seconds: Int,
                             fraction: Double) -> Date {
        let days = ProlepticGregorianDays.days(year: year, month: month, day: day)
        let secs = days * 86_400 + hours * 3_600 + minutes * 60 + seconds
        return Date(timeIntervalSince1970: Double(secs) + fraction)
    }
}
