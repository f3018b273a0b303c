import Foundation

/// The freshness rule of ``RevocationPolicy``, applied to one piece of evidence (a CRL or an
/// OCSP SingleResponse) for validation time T.
///
/// - Evidence claiming to be issued in the future (thisUpdate after the current time plus
///   ``clockSkew``) is refused, as is evidence whose nextUpdate precedes its thisUpdate.
/// - Evidence issued at or after T (within ``clockSkew``) speaks for T: a certificate it does
///   not list as revoked before T was not revoked at T.
/// - Evidence issued before T is current at T when thisUpdate ≤ T < nextUpdate (RFC 5280
///   §6.3.3 for CRLs, RFC 6960 §4.2.2.1 for OCSP), with ``clockSkew`` on both ends. Its age
///   alone never makes it stale: a root CA's ARL may well be current for months.
/// - When the evidence has no nextUpdate, it is current for ``maximumAgeWithoutNextUpdate``
///   after its thisUpdate.
/// - When the policy asks for a freshness constraint (ETSI EN 319 102-1 §5.2.5, "maximum
///   accepted revocation freshness"), evidence issued more than ``freshnessConstraint`` before
///   T is refused even when its nextUpdate has not passed.
package struct RevocationFreshness: Sendable {
    package var maximumAgeWithoutNextUpdate: TimeInterval
    package var freshnessConstraint: TimeInterval?
    package var clockSkew: TimeInterval
    package var now: Date

    package init(maximumAgeWithoutNextUpdate: Duration, freshnessConstraint: Duration?, clockSkew: Duration, now: Date) {
        self.maximumAgeWithoutNextUpdate = maximumAgeWithoutNextUpdate.timeInterval
        self.freshnessConstraint = freshnessConstraint?.timeInterval
        self.clockSkew = clockSkew.timeInterval
        self.now = now
    }

    /// Why evidence with these times is not fresh for `time`, or `nil` when it is.
    package func problem(thisUpdate: Date, nextUpdate: Date?, at time: Date) -> String? {
        if thisUpdate > now.addingTimeInterval(clockSkew) {
            return "thisUpdate \(Self.format(thisUpdate)) is in the future"
        }
        if let nextUpdate, nextUpdate < thisUpdate {
            return "nextUpdate \(Self.format(nextUpdate)) precedes thisUpdate \(Self.format(thisUpdate))"
        }
        if thisUpdate >= time.addingTimeInterval(-clockSkew) { return nil }
        if let freshnessConstraint, thisUpdate < time.addingTimeInterval(-freshnessConstraint) {
            return "stale: thisUpdate \(Self.format(thisUpdate)) is more than \(Int(freshnessConstraint)) s before the "
                + "validation time \(Self.format(time)), the policy's freshness constraint"
        }
        if let nextUpdate {
            guard time < nextUpdate.addingTimeInterval(clockSkew) else {
                return "stale: nextUpdate \(Self.format(nextUpdate)) is not after the validation time \(Self.format(time))"
            }
            return nil
        }
        guard thisUpdate >= time.addingTimeInterval(-maximumAgeWithoutNextUpdate) else {
            return "stale: no nextUpdate, and thisUpdate \(Self.format(thisUpdate)) is more than "
                + "\(Int(maximumAgeWithoutNextUpdate)) s before the validation time \(Self.format(time))"
        }
        return nil
    }

    /// ISO 8601 UTC, for messages.
    package static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

/// The verdict on one piece of revocation evidence.
package enum RevocationEvidenceVerdict: Sendable {
    /// The evidence is usable and decides the status.
    case usable(RevocationStatus)
    /// The evidence cannot be used, and why.
    case rejected(String)
}
