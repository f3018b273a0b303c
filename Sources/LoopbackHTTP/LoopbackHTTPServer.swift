import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny blocking HTTP/1.1 server on 127.0.0.1 and an ephemeral port, one thread per
/// connection: for testing HTTP clients against misbehaving servers and for loopback
/// benchmarks. Not part of the SDK's products; never listens beyond the loopback address.
///
/// `@unchecked Sendable`: the mutable state (`received`, `stopped`) is guarded by `lock`.
public final class LoopbackHTTPServer: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: [UInt8]
    }

    public struct Reply: Sendable {
        public var status: Int
        public var contentType: String?
        public var body: [UInt8]
        /// Seconds to wait before answering.
        public var delay: TimeInterval

        public init(status: Int = 200, contentType: String? = "application/timestamp-reply", body: [UInt8] = [], delay: TimeInterval = 0) {
            self.status = status
            self.contentType = contentType
            self.body = body
            self.delay = delay
        }
    }

    public typealias Handler = @Sendable (Request) async -> Reply

    public let port: UInt16
    private let listener: Int32
    private let handler: Handler
    private let lock = NSLock()
    private var received: [Request] = []
    private var stopped = false

    public var url: URL { URL(string: "http://127.0.0.1:\(port)/tsa")! }

    /// The requests received so far.
    public var requests: [Request] {
        lock.lock(); defer { lock.unlock() }
        return received
    }

    public init(handler: @escaping Handler) throws {
        self.handler = handler
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Stops accepting connections.
    ///
    /// Only shuts the listening socket down; the accept thread closes it when it sees the
    /// stop. Closing it here would free the descriptor number while that thread may still
    /// call accept() on it — and by then the number may belong to another test's server.
    public func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
    }

    deinit { stop() }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            lock.lock(); let done = stopped; lock.unlock()
            if done {
                if connection >= 0 { close(connection) }
                close(listener)
                return
            }
            if connection < 0 { continue }
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    /// How long a connection thread waits for the handler before answering 503: bounds the
    /// thread's life if the concurrency pool is starved or the handler never returns.
    static let handlerTimeout: TimeInterval = 120

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        guard let request = readRequest(connection) else { return }
        lock.lock(); received.append(request); lock.unlock()

        // The handler is async, so it runs as a task (on the concurrency pool); this thread is
        // not part of the pool and only waits for it, with a bound, so it can never deadlock
        // the pool or itself.
        let semaphore = DispatchSemaphore(value: 0)
        let box = ReplyBox()
        let handler = self.handler
        Task.detached {
            box.set(await handler(request))
            semaphore.signal()
        }
        let reply: Reply
        if semaphore.wait(timeout: .now() + Self.handlerTimeout) == .success {
            reply = box.get()
        } else {
            reply = Reply(status: 503, contentType: "text/plain", body: Array("the test handler did not answer".utf8))
        }
        if reply.delay > 0, !sleep(reply.delay) { return }
        var head = "HTTP/1.1 \(reply.status) \(reply.status == 200 ? "OK" : "Status")\r\n"
        if let type = reply.contentType { head += "Content-Type: \(type)\r\n" }
        head += "Content-Length: \(reply.body.count)\r\nConnection: close\r\n\r\n"
        writeAll(connection, Array(head.utf8) + reply.body)
    }

    /// Sleeps `seconds` in short steps; `false` (stop early) once the server is stopped, so
    /// a delayed reply's thread and socket do not outlive the test by the whole delay.
    private func sleep(_ seconds: TimeInterval) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            lock.lock(); let done = stopped; lock.unlock()
            if done { return false }
            Thread.sleep(forTimeInterval: min(0.05, max(0, end.timeIntervalSinceNow)))
        }
        return true
    }

    private func readRequest(_ connection: Int32) -> Request? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var headerEnd: Int?
        var sentContinue = false
        while true {
            if headerEnd == nil, let range = find(buffer, Array("\r\n\r\n".utf8)) { headerEnd = range }
            if let end = headerEnd {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let requestLine = lines.removeFirst().split(separator: " ")
                var headers: [String: String] = [:]
                for line in lines {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                if headers["expect"]?.lowercased() == "100-continue", !sentContinue {
                    writeAll(connection, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                    sentContinue = true
                }
                let length = Int(headers["content-length"] ?? "0") ?? 0
                let bodyStart = end + 4
                if buffer.count - bodyStart >= length {
                    return Request(method: requestLine.first.map(String.init) ?? "", path: requestLine.dropFirst().first.map(String.init) ?? "",
                                   headers: headers, body: Array(buffer[bodyStart..<(bodyStart + length)]))
                }
            }
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return nil }
            buffer += chunk[..<count]
        }
    }

    private func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where Array(haystack[index..<(index + needle.count)]) == needle {
            return index
        }
        return nil
    }

    private func writeAll(_ connection: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { buffer in
                #if canImport(Glibc)
                send(connection, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
                #else
                send(connection, buffer.baseAddress, buffer.count, 0)
                #endif
            }
            if written <= 0 { return }
            offset += written
        }
    }

    private final class ReplyBox: @unchecked Sendable {
        private let lock = NSLock()
        private var reply = Reply()
        func set(_ value: Reply) { lock.lock(); reply = value; lock.unlock() }
        func get() -> Reply { lock.lock(); defer { lock.unlock() }; return reply }
    }
}
