import Foundation

/// Runs an operation with a deadline that holds even if the operation ignores cancellation.
package enum Deadline {
    /// Runs `operation`; if it has not finished after `timeout`, cancels it and throws `onTimeout()`.
    package static func run<T: Sendable>(
        within timeout: Duration, onTimeout: @escaping @Sendable () -> any Error,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let gate = Gate(continuation)
            let work = Task {
                do { gate.finish(.success(try await operation())) } catch { gate.finish(.failure(error)) }
            }
            let timer = Task {
                try? await Task.sleep(for: timeout)
                if gate.finish(.failure(onTimeout())) {
                    work.cancel()
                }
            }
            gate.onFinish { timer.cancel() }
        }
    }

    /// Resumes a continuation exactly once.
    final class Gate<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T, any Error>?
        private var cleanup: (@Sendable () -> Void)?
        private var finished = false

        init(_ continuation: CheckedContinuation<T, any Error>) { self.continuation = continuation }

        /// Registers work to run when finished (at once when already finished).
        func onFinish(_ action: @escaping @Sendable () -> Void) {
            lock.lock()
            if finished { lock.unlock(); action(); return }
            cleanup = action
            lock.unlock()
        }

        /// Resumes with `result` unless already resumed; returns whether this call won.
        @discardableResult
        func finish(_ result: Result<T, any Error>) -> Bool {
            lock.lock()
            guard let continuation else { lock.unlock(); return false }
            self.continuation = nil
            finished = true
            let action = cleanup
            cleanup = nil
            lock.unlock()
            continuation.resume(with: result)
            action?()
            return true
        }
    }
}
