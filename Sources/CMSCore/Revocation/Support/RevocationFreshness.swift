import Foundation

/// The freshness rule of ``RevocationPolicy``: evidence counts for validation time T when it
/// was issued at T or later (within ``clockSkew``), or it was issued no more than
/// ``maximumAge`` before T and its nextUpdate has not passed at T. Evidence claiming to be
/// issued in the future (beyond ``clockSkew``) is refused.
package struct RevocationFreshness: Sendable {
    package var maximumAge: TimeInterval
    package var clockSkew: TimeInterval
    package var now: Date

    package init(maximumAge: Duration, clockSkew: Duration, now: Date) {
        self.maximumAge = maximumAge.timeInterval
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
        guard thisUpdate >= time.addingTimeInterval(-maximumAge) else {
            return "stale: thisUpdate \(Self.format(thisUpdate)) is more than \(Int(maximumAge)) s before the validation time \(Self.format(time))"
        }
        if let nextUpdate, nextUpdate < time.addingTimeInterval(-clockSkew) {
            return "stale: nextUpdate \(Self.format(nextUpdate)) is before the validation time \(Self.format(time))"
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
