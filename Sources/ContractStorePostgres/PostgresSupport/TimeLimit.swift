import Foundation
import Logging
import PostgresNIO

/// Races a body against a time limit without waiting for the loser.
///
/// A task group would wait for its body task at the end of its scope even after cancelling
/// it, and a driver call that ignores cancellation (a query the server has not answered)
/// would hold the caller as long as the server takes. Here the body runs in a task of its
/// own; whichever of body, time limit or the caller's cancellation comes first decides, and
/// the body's task is cancelled and left to end by itself.
enum TimeLimit {
    /// How a race ended.
    enum Outcome<T: Sendable>: Sendable {
        /// The body ended first, with this result.
        case finished(Result<T, any Error>)
        /// The time limit came first.
        case timedOut
        /// The caller's task was cancelled first.
        case cancelled
    }

    static func race<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async -> Outcome<T> {
        let first = FirstOutcome<T>()
        let work = Task {
            do { first.offer(.finished(.success(try await body()))) } catch { first.offer(.finished(.failure(error))) }
        }
        let timer = Task {
            do {
                try await Task.sleep(for: limit)
                first.offer(.timedOut)
            } catch {}  // cancelled: the body ended first
        }
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { first.wait($0) }
        } onCancel: {
            first.offer(.cancelled)
        }
        timer.cancel()
        if case .finished = outcome {} else { work.cancel() }
        return outcome
    }
}

/// The first outcome offered, handed to one waiting continuation exactly once.
final class FirstOutcome<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var decided: TimeLimit.Outcome<T>?
    private var waiter: CheckedContinuation<TimeLimit.Outcome<T>, Never>?
    private var delivered = false

    /// Offers an outcome; only the first counts.
    func offer(_ outcome: TimeLimit.Outcome<T>) {
        let resume: CheckedContinuation<TimeLimit.Outcome<T>, Never>? = lock.withLock {
            guard decided == nil else { return nil }
            decided = outcome
            return take()
        }
        resume?.resume(returning: outcome)
    }

    /// Waits for the first outcome (resumed at once when it is already decided).
    func wait(_ continuation: CheckedContinuation<TimeLimit.Outcome<T>, Never>) {
        let ready: (CheckedContinuation<TimeLimit.Outcome<T>, Never>, TimeLimit.Outcome<T>)? = lock.withLock {
            waiter = continuation
            guard let decided, let waiting = take() else { return nil }
            return (waiting, decided)
        }
        if let (continuation, outcome) = ready { continuation.resume(returning: outcome) }
    }

    /// The waiter, once (called under the lock).
    private func take() -> CheckedContinuation<TimeLimit.Outcome<T>, Never>? {
        guard !delivered, let waiter else { return nil }
        delivered = true
        self.waiter = nil
        return waiter
    }
}

/// The connection a call runs on, so that a time limit can close it: closing (not gracefully)
/// ends the session at once, whatever query it runs, and the pool drops the connection.
final class ConnectionInUse: @unchecked Sendable {
    private let lock = NSLock()
    private var connection: PostgresConnection?
    private var abandoned = false

    /// Records the connection the call got. - Throws: `CancellationError` (after closing it)
    /// when the time limit was reached before the pool handed it out.
    func set(_ connection: PostgresConnection) throws {
        let late = lock.withLock {
            self.connection = connection
            return abandoned
        }
        if late {
            _ = connection.close() as EventLoopFuture<Void>
            throw CancellationError()
        }
    }

    /// Closes the connection, if the call got one; one the call gets later is closed by ``set(_:)``.
    func close(_ logger: Logger) async {
        let connection = lock.withLock {
            abandoned = true
            return self.connection
        }
        guard let connection else { return }
        logger.debug("closing a connection whose call ran out of time")
        try? await connection.close()
    }
}
