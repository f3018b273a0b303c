import Foundation
import Hummingbird
import Logging
import NIOCore

/// A small HTTP/1.1 server on 127.0.0.1 and an ephemeral port, built on Hummingbird 2: for
/// testing HTTP clients against misbehaving servers (wrong status, wrong content type, garbage,
/// slow answers) and for loopback benchmarks. Every request is recorded before the handler sees
/// it. Not part of the SDK's products; never listens beyond the loopback address.
///
public final class LoopbackHTTPServer: Sendable {
    /// A request as received: the method, the request target (path and query), the header
    /// fields by lower-cased name (repeated fields joined with ", ") and the whole body.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: [UInt8]
    }

    /// What the handler answers.
    public struct Reply: Sendable {
        public var status: Int
        /// The Content-Type header; `nil` sends none.
        public var contentType: String?
        public var body: [UInt8]
        /// Seconds to wait before answering (cut short when the server stops).
        public var delay: TimeInterval

        public init(status: Int = 200, contentType: String? = "application/timestamp-reply", body: [UInt8] = [], delay: TimeInterval = 0) {
            self.status = status
            self.contentType = contentType
            self.body = body
            self.delay = delay
        }
    }

    public typealias Handler = @Sendable (Request) async -> Reply

    /// Why the server could not start.
    public struct StartFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The port the server listens on (chosen by the system).
    public let port: UInt16
    private let state = State()
    private let listener: any Channel

    /// `http://127.0.0.1:port/tsa`: the handler sees every path, this is only a convenient one.
    public var url: URL { URL(string: "http://127.0.0.1:\(port)/tsa")! }

    /// The requests received so far, in order of arrival.
    public var requests: [Request] { state.requests }

    /// Starts the server and returns once it listens.
    public init(handler: @escaping Handler) async throws {
        let state = self.state
        let (started, continuation) = AsyncStream.makeStream(of: Result<any Channel, any Error>.self)
        let quiet = Logger(label: "econtract.test.loopback-http", factory: { _ in SwiftLogNoOpLogHandler() })
        let application = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in
                try await Self.respond(to: request, state: state, handler: handler)
            },
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(.success(channel))
                continuation.finish()
            },
            logger: quiet
        )
        Task {
            do {
                try await application.run()
            } catch {
                continuation.yield(.failure(error))
            }
            continuation.finish()
        }
        var iterator = started.makeAsyncIterator()
        let channel: any Channel
        switch await iterator.next() {
        case .success(let running)?: channel = running
        case .failure(let error)?: throw StartFailure(description: "the loopback server did not start: \(error)")
        case nil: throw StartFailure(description: "the loopback server stopped before it listened")
        }
        guard let port = channel.localAddress?.port, let port16 = UInt16(exactly: port) else {
            try? await channel.close()
            throw StartFailure(description: "the loopback server has no port")
        }
        self.port = port16
        self.listener = channel
    }

    /// Stops the server: when this returns, the port refuses connections, and delayed replies
    /// end early (with a 500). The server's task ends once its open connections close.
    ///
    /// Closing the listening socket, not cancelling the server's task: a cancelled server drops
    /// connections it has accepted but not yet handed out, which NIO treats as a bug (a
    /// precondition failure in debug builds), whereas after the close it still serves those.
    public func stop() {
        guard state.markStopped() else { return }
        // The future is completed by a NIO event loop thread, never by the concurrency pool, so
        // waiting for it from a pool thread cannot deadlock.
        try? listener.close().wait()
    }

    deinit { stop() }

    private static func respond(to request: Hummingbird.Request, state: State, handler: Handler) async throws -> Response {
        let body = try await request.body.collect(upTo: .max)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        let received = Request(method: request.method.rawValue, path: request.uri.description, headers: headers,
                               body: Array(buffer: body))
        state.record(received)
        let reply = await handler(received)
        // Sleeps in short steps and gives up once the server stops, so that a delayed reply
        // does not keep the shutdown waiting for the whole delay.
        let end = Date().addingTimeInterval(reply.delay)
        while Date() < end {
            if state.stopped { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(min(50, max(1, Int(end.timeIntervalSinceNow * 1000)))))
        }
        var fields = HTTPFields()
        if let type = reply.contentType { fields[.contentType] = type }
        return Response(status: .init(code: reply.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    /// What the responder and the server object share: the recorded requests and the stop flag.
    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var received: [Request] = []
        private var isStopped = false

        var requests: [Request] { lock.lock(); defer { lock.unlock() }; return received }
        var stopped: Bool { lock.lock(); defer { lock.unlock() }; return isStopped }
        func record(_ request: Request) { lock.lock(); received.append(request); lock.unlock() }
        /// `true` the first time only.
        func markStopped() -> Bool {
            lock.lock(); defer { lock.unlock() }
            if isStopped { return false }
            isStopped = true
            return true
        }
    }
}
