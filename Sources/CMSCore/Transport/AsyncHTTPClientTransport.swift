#if canImport(AsyncHTTPClient)
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// An ``HTTPTransport`` on AsyncHTTPClient (SwiftNIO), the default on Linux.
///
/// Requests go through `HTTPClient.shared` — one connection pool and event loop group per
/// process, started on first use and never shut down by the SDK — unless a client is given.
/// Redirects are followed (up to five, as AsyncHTTPClient's default allows); responses are
/// limited to ``maximumResponseSize`` bytes and the whole exchange to the request's timeout.
public struct AsyncHTTPClientTransport: HTTPTransport {
    /// The largest response body accepted.
    public var maximumResponseSize: Int
    private let client: HTTPClient?

    /// A transport on `HTTPClient.shared`.
    public init(maximumResponseSize: Int = 32 * 1024 * 1024) {
        self.maximumResponseSize = maximumResponseSize
        self.client = nil
    }

    /// A transport on `client`, which the caller owns (and shuts down).
    public init(client: HTTPClient, maximumResponseSize: Int = 32 * 1024 * 1024) {
        self.maximumResponseSize = maximumResponseSize
        self.client = client
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var built = HTTPClientRequest(url: request.url.absoluteString)
        built.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { built.headers.add(name: name, value: value) }
        if !request.body.isEmpty { built.body = .bytes(ByteBuffer(bytes: request.body)) }
        let outgoing = built
        let what = "\(request.method) \(request.url.redactedForLogging)"
        let client = self.client ?? HTTPClient.shared
        let limit = maximumResponseSize
        let timeout = request.timeout
        // AsyncHTTPClient enforces `timeout` itself and, when it ends, reports what it saw: the last
        // connection error (a refused connection is retried until then) or its deadline. The outer
        // limit is only a safety net a little later, so the two never race: with the same limit,
        // an unreachable service was reported as a timeout or as a transport failure at random.
        return try await Deadline.run(within: timeout + Self.safetyMargin,
                                      onTimeout: { CMSError(.timeout, "\(what) timed out after \(timeout)") }) {
            let response: HTTPClientResponse
            do {
                response = try await client.execute(outgoing, timeout: .nanoseconds(Self.nanoseconds(timeout)))
            } catch let error as HTTPClientError where error == .deadlineExceeded || error == .connectTimeout || error == .readTimeout {
                throw CMSError(.timeout, "\(what) timed out: \(error)")
            } catch {
                throw CMSError(.transportFailure, "\(what) failed: \(error)")
            }
            let body: ByteBuffer
            do {
                body = try await response.body.collect(upTo: limit)
            } catch is NIOTooManyBytesError {
                throw CMSError(.badResponse, "response from \(request.url.redactedForLogging) exceeds \(limit) bytes")
            } catch {
                throw CMSError(.transportFailure, "\(what) failed while reading the response: \(error)")
            }
            var headers: [String: String] = [:]
            for (name, value) in response.headers { headers[name.lowercased()] = value }
            return HTTPResponse(status: Int(response.status.code), headers: headers, body: Array(buffer: body))
        }
    }

    /// How long after AsyncHTTPClient's own deadline the outer limit ends a request.
    static let safetyMargin: Duration = .seconds(2)

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
#endif
