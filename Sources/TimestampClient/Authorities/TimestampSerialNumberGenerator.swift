import Foundation

/// Hands out strictly increasing token serial numbers.
///
/// Starts at the current time in microseconds since 1970, so that a restarted process
/// keeps issuing numbers above those of earlier runs; each next number is the larger of
/// the previous plus one and the current time (so it never goes back, even when the clock does).
public actor TimestampSerialNumberGenerator {
    private var last: UInt64

    /// Starts above `start` (default: now in microseconds).
    public init(start: UInt64? = nil) {
        last = start ?? UInt64(max(0, Date().timeIntervalSince1970 * 1_000_000))
    }

    /// The next serial number, larger than every one handed out before.
    public func next() -> UInt64 {
        let now = UInt64(max(0, Date().timeIntervalSince1970 * 1_000_000))
        last = max(last + 1, now)
        return last
    }
}
