import Foundation

/// A fixed-window counter per key (client IP, participant): at most `limit` attempts per `window`.
/// The workflow itself locks a participant's OTP after five wrong codes; this limits guessing
/// across participants from one address, and hammering one participant from many.
public actor RateLimiter {
    private var windows: [String: (start: Date, count: Int)] = [:]
    /// Attempts allowed per window.
    public let limit: Int
    /// The window.
    public let window: TimeInterval

    /// A limiter.
    public init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Counts one attempt for every key; `false` when any key is over its limit (nothing is counted then).
    public func allow(_ keys: [String], now: Date = Date()) -> Bool {
        for key in keys {
            if let entry = windows[key], now.timeIntervalSince(entry.start) < window, entry.count >= limit { return false }
        }
        for key in keys {
            if let entry = windows[key], now.timeIntervalSince(entry.start) < window {
                windows[key] = (entry.start, entry.count + 1)
            } else {
                windows[key] = (now, 1)
            }
        }
        if windows.count > 100_000 { windows = windows.filter { now.timeIntervalSince($0.value.start) < window } }
        return true
    }
}
