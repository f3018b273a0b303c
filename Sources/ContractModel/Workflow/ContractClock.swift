import Foundation

/// Where the workflow gets the time: every event time, link expiry and OTP lifetime comes
/// from here, so that tests and replays are deterministic.
public protocol ContractClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system's clock.
public struct SystemContractClock: ContractClock {
    /// The system clock.
    public init() {}
    /// `Date()`.
    public func now() -> Date { Date() }
}

/// A clock that moves only when told: for tests, demos and replays.
public final class ManualContractClock: ContractClock, @unchecked Sendable {
    // @unchecked: the only state is guarded by `lock`.
    private let lock = NSLock()
    private var current: Date

    /// A clock showing `start`.
    public init(_ start: Date) { current = start }

    /// The time shown.
    public func now() -> Date { lock.withLock { current } }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }

    /// Sets the clock.
    public func set(_ date: Date) { lock.withLock { current = date } }
}
