import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs tools written elsewhere (qpdf, pyHanko, openssl, poppler, bash scripts) from async tests
/// without blocking the Swift concurrency pool.
///
/// The child is waited for through `Process.terminationHandler` (Foundation's own monitor, not
/// the cooperative pool), so a test awaiting a slow tool leaves the pool free for the rest of
/// the suite (e.g. the loopback HTTP server's handler tasks and client deadlines). Standard
/// output and error go to temporary files, so no stream can fill a pipe and block the tool, and
/// a background grandchild that keeps the streams open cannot hang the caller. Standard input
/// is the given bytes or empty, never inherited, so a tool that prompts cannot hang the tests.
/// Every call has a timeout after which the tool (and its process group, when it leads one)
/// is killed and ``Failure`` with ``Failure/Code/timedOut`` is thrown.
public enum ExternalTool {
    /// The timeout when the caller gives none: generous, only there so that a hung tool cannot
    /// hang the whole suite.
    public static let defaultTimeout: Duration = .seconds(600)

    /// Where the tool's standard error goes.
    public enum StandardError: Sendable {
        /// Captured apart from standard output (``Output/stderr``).
        case separate
        /// Interleaved with standard output in ``Output/stdout``, as one pipe for both would.
        case merged
        /// Discarded (`/dev/null`).
        case discarded
    }

    /// What a finished tool left.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: [UInt8]
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
        /// Both streams (standard output, then standard error), for messages.
        public var text: String { stdoutText + stderrText }
    }

    /// Why a tool could not be run to completion.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public enum Code: Sendable { case notFound, timedOut }
        public let code: Code
        public let message: String
        public var description: String { message }
    }

    /// The interop virtual environment (`INTEROP_VENV`, else `~/.cache/interop-venv`).
    public static var interopVenv: String {
        ProcessInfo.processInfo.environment["INTEROP_VENV"] ?? NSHomeDirectory() + "/.cache/interop-venv"
    }

    /// `name` on `PATH` (then `/usr/bin`, `/usr/local/bin`), or `nil`.
    public static func path(_ name: String) -> String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
            + ["/usr/bin", "/usr/local/bin"]
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `name` in the interop venv's `bin` (e.g. `pyhanko`, `python`), or `nil`.
    public static func venvPath(_ name: String) -> String? {
        let path = interopVenv + "/bin/" + name
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Runs `executable` (a path, or a bare name looked up with ``path(_:)``) with `arguments`
    /// and returns its exit status and streams. A non-zero status is not an error; failing to
    /// start, or running longer than `timeout`, is.
    public static func run(
        _ executable: String, _ arguments: [String], stdin: [UInt8]? = nil, in directory: URL? = nil,
        standardError: StandardError = .separate, timeout: Duration = defaultTimeout
    ) async throws -> Output {
        guard let resolved = executable.contains("/") ? executable : path(executable) else {
            throw Failure(code: .notFound, message: "\(executable) is not on PATH")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("external-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        func file(_ name: String, _ contents: [UInt8] = []) throws -> URL {
            let url = scratch.appendingPathComponent(name)
            guard FileManager.default.createFile(atPath: url.path, contents: Data(contents)) else { throw CocoaError(.fileWriteUnknown) }
            return url
        }
        let outURL = try file("stdout"), errURL = try file("stderr")
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        let inHandle = try stdin.map { try FileHandle(forReadingFrom: file("stdin", $0)) }
        defer { try? outHandle.close(); try? errHandle.close(); try? inHandle?.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: resolved)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = inHandle ?? FileHandle.nullDevice
        process.standardOutput = outHandle
        switch standardError {
        case .separate: process.standardError = errHandle
        case .merged: process.standardError = outHandle
        case .discarded: process.standardError = FileHandle.nullDevice
        }
        let (status, timedOut) = try await RunningProcess(process).run(timeout: timeout)
        let output = Output(status: status, stdout: try Self.contents(of: outURL), stderr: try Self.contents(of: errURL))
        if timedOut {
            throw Failure(code: .timedOut, message: "\(resolved) \(arguments.joined(separator: " ")) ran longer than \(timeout) and was killed; "
                + "output so far: \(output.text.suffix(2000))")
        }
        return output
    }
}

extension ExternalTool {
    /// A file's bytes; an empty file without reading it, because swift-foundation's
    /// `Data(contentsOf:)` leaks its 4 KiB read buffer for an empty file (seen with
    /// LeakSanitizer under Swift 6.3; see .ci/lsan.supp).
    static func contents(of url: URL) throws -> [UInt8] {
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber
        guard size?.intValue != 0 else { return [] }
        return Array(try Data(contentsOf: url))
    }
}

/// One child process: started, awaited through its termination handler, killed on timeout.
/// `@unchecked Sendable`: `finished` and `timedOut` are guarded by `lock`; `process` is only
/// touched before it runs and by the termination handler/timer.
private final class RunningProcess: @unchecked Sendable {
    private let process: Process
    private let lock = NSLock()
    private var finished = false
    private var timedOut = false
    private var timer: DispatchWorkItem?

    init(_ process: Process) { self.process = process }

    private static func signal(_ pid: pid_t) -> Int32 { kill(pid, SIGKILL) }

    func run(timeout: Duration) async throws -> (status: Int32, timedOut: Bool) {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(status: Int32, timedOut: Bool), Error>) in
            process.terminationHandler = { [self] process in
                // Clearing the handler and the timer breaks the cycles process → handler → self →
                // process and self → timer → self (LeakSanitizer found them, see .ci/leaks).
                process.terminationHandler = nil
                let timedOut = lock.withLock { finished = true; timer?.cancel(); timer = nil; return self.timedOut }
                continuation.resume(returning: (process.terminationStatus, timedOut))
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            let killer = DispatchWorkItem { [self] in
                lock.withLock {
                    guard !finished else { return }
                    timedOut = true
                    // The whole group when the child leads one (grandchildren too), else the child.
                    if getpgid(pid) == pid { _ = Self.signal(-pid) }
                    _ = Self.signal(pid)
                }
            }
            lock.withLock { if !finished { timer = killer } }
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: killer)
        }
    }
}
